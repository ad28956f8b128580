package org.openjobspec.ee.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.error.OjsConflictException;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsMalformedResponseException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsTimeoutException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.FetchResponse;
import org.openjobspec.ee.model.HeartbeatRequest;
import org.openjobspec.ee.model.WorkerDirective;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;

/** The worker API against answers a real server cannot be made to give. */
@Timeout(300)
class WorkerApiFaultTest {

    private HostileOjsServer ojs;
    private OjsWorkerApi api;

    @BeforeEach
    void start() throws Exception {
        ojs = HostileOjsServer.start();
        api = OjsRestClients.create(OjsWorkerApi.class, new OjsRestConfig(ojs.url(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), "s3cret", Map.of("X-Tenant", "acme"), null, null, null, null, null));
    }

    @AfterEach
    void stop() throws Exception {
        ((Closeable) api).close();
        ojs.close();
    }

    @Test
    void fetch204IsEmptyNotNull() throws Exception {
        enqueueOnTheRealServer("default"); // so only the scripted 204, not the real server, can answer "no jobs"
        ojs.on("/ojs/v1/workers/fetch", Behaviour.answer(204, Map.of(), null));
        FetchResponse response = api.fetch(new FetchRequest(List.of("default"), 1, "w", 1000L));
        assertThat(response.jobs()).isEmpty();
    }

    @Test
    void everyRequestCarriesTheOjsHeadersAndTheInteropBody() {
        ojs.always(Behaviour.json(200, "{\"jobs\":[]}"));
        api.fetch(new FetchRequest(List.of("default"), 3, "w-1", 1000L));
        HostileOjsServer.Received seen = ojs.last();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/ojs/v1/workers/fetch");
        assertThat(seen.header("OJS-Version")).isEqualTo("1.0");
        assertThat(seen.header("X-Request-Id")).matches("req_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(seen.header("X-Tenant")).isEqualTo("acme");
        assertThat(seen.header("Content-Type")).startsWith("application/openjobspec+json");
        assertThat(seen.header("Accept")).contains("application/openjobspec+json");
        assertThat(seen.body()).contains("\"worker_id\":\"w-1\"").contains("\"visibility_timeout_ms\":1000");
    }

    @Test
    void heartbeatReadsDirectiveOfEitherShape() {
        ojs.always(Behaviour.json(200, "{\"state\":\"active\",\"directive\":\"terminate\",\"jobs_extended\":[]}"));
        assertThat(api.heartbeat(new HeartbeatRequest("w", List.of("a"), 1000L, "running")).effectiveDirective())
                .isEqualTo(WorkerDirective.TERMINATE);
        assertThat(ojs.last().body()).contains("\"active_jobs\":[\"a\"]");
    }

    @Test
    void conflictOnAckIsTyped() {
        ojs.always(Behaviour.answer(409, Map.of("Content-Type", "application/openjobspec+json", "X-Request-Id", "req_h"),
                "{\"error\":{\"code\":\"conflict\",\"message\":\"Job is not active\",\"retryable\":false,\"request_id\":\"req_b\"}}"));
        assertThatThrownBy(() -> api.ack(new AckRequest("j", null, null)))
                .isInstanceOfSatisfying(OjsConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.requestId()).isEqualTo("req_b");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        ojs.always(Behaviour.answer(429, Map.of("Retry-After", "7"), "slow down"));
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsRateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("http_429");
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void htmlFromAProxyIsUnavailableNotNpe() {
        ojs.always(Behaviour.answer(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>"));
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("http_502");
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("Bad gateway");
                });
    }

    @Test
    void garbageSuccessAnswersAreMalformed() {
        Map<String, Behaviour> garbage = new LinkedHashMap<>();
        for (String body : List.of("{\"jobs\":[{\"id\":\"a\",\"attempt\":\"x\"}]}", "{\"jobs\":[{\"id\":\"a\"",
                "{\"unknown\":{\"id\":\"x\",\"deep\":[1,", "not json at all", "[1,2,3]")) {
            garbage.put(body, Behaviour.json(200, body));
        }
        garbage.put("<html>hi</html> as text/html", Behaviour.answer(200, Map.of("Content-Type", "text/html"), "<html>hi</html>"));
        garbage.forEach((body, answer) -> {
            ojs.always(answer);
            assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                    .as(body)
                    .isInstanceOfSatisfying(OjsMalformedResponseException.class,
                            e -> assertThat(e.code()).isEqualTo(OjsErrors.MALFORMED));
        });
        ojs.always(Behaviour.json(200, ""));
        assertThatThrownBy(() -> api.ack(new AckRequest("j", null, null)))
                .isInstanceOf(OjsMalformedResponseException.class);
    }

    @Test
    void silentServerTimesOut() {
        ojs.always(Behaviour.hang()); // never answers: only the read timeout can end the call
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsTimeoutException.class, e -> {
                    assertThat(e.code()).isEqualTo(OjsErrors.TIMEOUT);
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    private void enqueueOnTheRealServer(String queue) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ojs.url().resolve("/ojs/v1/jobs"))
                .header("Content-Type", "application/openjobspec+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"t.x\",\"args\":[],\"options\":{\"queue\":\"" + queue + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void serverDownIsTransport() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OjsWorkerApi down = OjsRestClients.create(OjsWorkerApi.class,
                OjsRestConfig.of(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        try {
            assertThatThrownBy(() -> down.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                    .isInstanceOfSatisfying(OjsTransportException.class, e -> {
                        assertThat(e.code()).isEqualTo(OjsErrors.TRANSPORT);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.httpStatus()).isZero();
                    })
                    .isInstanceOf(OjsException.class);
        } finally {
            ((Closeable) down).close();
        }
    }
}
