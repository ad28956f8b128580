package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testing.internal.server.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class HostileOjsServerTest {
    private static final String FETCH = "/ojs/v1/workers/fetch";
    private static final String FETCH_BODY = "{\"queues\":[\"q\"],\"count\":1,\"worker_id\":\"w1\"}";
    private static final String ENQUEUE_BODY = "{\"type\":\"hostile.test\",\"args\":[1],\"options\":{\"queue\":\"q\"}}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Set<Thread> threadsBefore;
    private HostileOjsServer ojs;

    @BeforeEach
    void start() {
        threadsBefore = Thread.getAllStackTraces().keySet();
        ojs = HostileOjsServer.start();
    }

    @AfterEach
    void stop() {
        ojs.stop();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, Duration.ofSeconds(10));
    }

    private HttpResponse<String> post(String path, String body, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ojs.url() + path)).timeout(timeout)
                .header("Content-Type", "application/openjobspec+json").header("X-Probe", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return (JsonObject) Json.parse(r.body());
    }

    @Test
    void isARealOjsServerUntilToldOtherwiseAndCountsRequests() throws Exception {
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).statusCode()).isEqualTo(201);
        HttpResponse<String> fetched = post(FETCH, FETCH_BODY);
        assertThat(json(fetched).getJsonArray("jobs")).hasSize(1);
        assertThat(ojs.count(FETCH)).isEqualTo(1);
        assertThat(ojs.count("/ojs/v1/jobs")).isEqualTo(1);
        assertThat(ojs.count()).isEqualTo(2);
        HostileOjsServer.Received last = ojs.last();
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.path()).isEqualTo(FETCH);
        assertThat(last.header("x-probe")).isEqualTo("yes");
        assertThat(last.body()).isEqualTo(FETCH_BODY);
    }

    @Test
    void answers503WithRetryAfterOnOnePathWhileOthersStayHealthy() throws Exception {
        ojs.on(FETCH, Behaviour.serviceUnavailable(Duration.ofMillis(1500)));
        HttpResponse<String> r = post(FETCH, FETCH_BODY);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(json(r).getJsonObject("error").getString("code")).isEqualTo("unavailable");
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).statusCode()).isEqualTo(201);
    }

    @Test
    void aCountedBehaviourHealsByItself() throws Exception {
        ojs.on(FETCH, 2, Behaviour.serverError());
        assertThat(post(FETCH, FETCH_BODY).statusCode()).isEqualTo(500);
        assertThat(post(FETCH, FETCH_BODY).statusCode()).isEqualTo(500);
        assertThat(post(FETCH, FETCH_BODY).statusCode()).isEqualTo(200);
        assertThat(ojs.count(FETCH)).isEqualTo(3);
    }

    @Test
    void alwaysAppliesEverywhereExceptWherePathRulesSayOtherwise() throws Exception {
        ojs.always(Behaviour.tooManyRequests(Duration.ofSeconds(3))).on("/ojs/v1/jobs", Behaviour.healthy());
        HttpResponse<String> limited = post(FETCH, FETCH_BODY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).statusCode()).isEqualTo(201);
        ojs.heal();
        assertThat(json(post(FETCH, FETCH_BODY)).getJsonArray("jobs")).hasSize(1);
    }

    @Test
    void exactPathsBeatPrefixesAndLongerPrefixesBeatShorterOnes() throws Exception {
        ojs.on("/ojs/v1/*", Behaviour.json(418, "{\"who\":\"short\"}"))
                .on("/ojs/v1/workers/*", Behaviour.json(418, "{\"who\":\"long\"}"))
                .on("/ojs/v1/workers/ack", Behaviour.json(418, "{\"who\":\"exact\"}"));
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).body()).contains("short");
        assertThat(post(FETCH, FETCH_BODY).body()).contains("long");
        assertThat(post("/ojs/v1/workers/ack", "{}").body()).contains("exact");
    }

    @Test
    void sendsBrokenBodies() throws Exception {
        ojs.on(FETCH, 1, Behaviour.notJson()).on("/ojs/v1/jobs", 1, Behaviour.truncatedJson())
                .on("/ojs/v1/workers/ack", 1, Behaviour.wrongJsonTypes());
        HttpResponse<String> html = post(FETCH, FETCH_BODY);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(html.body()).startsWith("<html>");
        HttpResponse<String> truncated = post("/ojs/v1/jobs", ENQUEUE_BODY);
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Json.parse(truncated.body())).isInstanceOf(RuntimeException.class);
        JsonObject wrong = json(post("/ojs/v1/workers/ack", "{}"));
        assertThat(wrong.get("jobs").getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.STRING);
        assertThat(wrong.get("job").getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.NUMBER);
    }

    @Test
    void cutsResponsesShortAndResetsConnections() throws Exception {
        ojs.on(FETCH, 1, Behaviour.cutOff()).on("/ojs/v1/jobs", 1, Behaviour.resetConnection());
        assertThatThrownBy(() -> post(FETCH, FETCH_BODY)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> post("/ojs/v1/jobs", ENQUEUE_BODY)).isInstanceOf(IOException.class);
        assertThat(post(FETCH, FETCH_BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void losesTheAnswerOfARequestItHandled() throws Exception {
        ojs.on("/ojs/v1/jobs", 1, Behaviour.answerLost());
        assertThatThrownBy(() -> post("/ojs/v1/jobs", ENQUEUE_BODY)).as("no answer").isInstanceOf(IOException.class);
        assertThat(ojs.server().state().jobCount()).as("but the job was created").isEqualTo(1);
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).statusCode()).as("healthy again").isEqualTo(201);
        assertThat(ojs.server().state().jobCount()).isEqualTo(2);
    }

    @Test
    void hangsUntilHealedAndSlowsDown() throws Exception {
        ojs.on(FETCH, Behaviour.hang());
        assertThatThrownBy(() -> post(FETCH, FETCH_BODY, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        ojs.heal().on("/ojs/v1/jobs", Behaviour.healthy().delayed(Duration.ofMillis(300)));
        assertThat(post(FETCH, FETCH_BODY).statusCode()).isEqualTo(200);
        long t0 = System.nanoTime();
        assertThat(post("/ojs/v1/jobs", ENQUEUE_BODY).statusCode()).isEqualTo(201);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);
    }

    @Test
    void stopReleasesHangingRequestsAndLeavesNoThreads() throws Exception {
        ojs.always(Behaviour.hang());
        var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(ojs.url() + FETCH))
                .POST(HttpRequest.BodyPublishers.ofString(FETCH_BODY)).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> ojs.count() > 0);
        assertThat(ojs.count()).isEqualTo(1);
        ojs.stop();
        assertThat(pending).failsWithin(Duration.ofSeconds(5));
        // a pool's last thread can still be returning when the pool reports itself terminated
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()
                .stream().filter(t -> t.isAlive() && !threadsBefore.contains(t) && t.getName().startsWith("ojs-server-"))
                .map(Thread::getName).collect(Collectors.toSet())).isEmpty());
    }
}
