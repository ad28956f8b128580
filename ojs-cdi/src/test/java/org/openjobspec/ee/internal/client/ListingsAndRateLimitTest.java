package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.internal.Messages.CLI_0002;
import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0018;
import static org.openjobspec.ee.internal.Messages.CLI_0019;

import jakarta.json.JsonObject;
import java.io.Closeable;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RateLimitPolicy;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.model.DeadLetterPage;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobError;
import org.openjobspec.ee.model.NackRequest;
import org.openjobspec.ee.model.QueueInfo;
import org.openjobspec.ee.model.QueueList;
import org.openjobspec.ee.model.WireJson;
import org.openjobspec.ee.rest.OjsWorkerApi;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;

/** Queue pages, dead letter by queue and the rate_limit enqueue option, over real HTTP. */
@Timeout(300)
class ListingsAndRateLimitTest {

    private static EmbeddedOjsServer server;
    private OjsClient client;

    @BeforeAll
    static void startServer() {
        server = EmbeddedOjsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        server.reset();
        client = OjsClient.builder().url(server.url()).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void queuesComeInPagesAndAllAtOnce() {
        for (String queue : List.of("q-c", "q-a", "q-e", "q-b", "q-d")) {
            client.enqueue("t.queue", null, EnqueueOptions.defaults().queue(queue));
        }
        QueueList page = client.queues(2, 2);
        assertThat(page.queues()).extracting(QueueInfo::name).containsExactly("q-c", "q-d");
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hasMore()).isTrue();
        QueueList last = client.queuesAsync(2, 4).toCompletableFuture().join();
        assertThat(last.queues()).extracting(QueueInfo::name).containsExactly("q-e");
        assertThat(last.hasMore()).isFalse();
        assertThat(client.queues()).extracting(QueueInfo::name).containsExactly("q-a", "q-b", "q-c", "q-d", "q-e");
        assertThatThrownBy(() -> client.queues(0, 0)).isInstanceOfSatisfying(OjsValidationException.class,
                e -> assertThat(e.code()).isEqualTo(CLI_0006.id()));
    }

    @Test
    void queuesReadsOnWhenAServerPagesWithoutBeingAsked() {
        try (HostileOjsServer paging = HostileOjsServer.start();
             OjsClient viaPaging = OjsClient.builder().url(paging.url()).build()) {
            for (String queue : List.of("a", "b", "c")) {
                viaPaging.enqueue("t.queue", null, EnqueueOptions.defaults().queue(queue));
            }
            // the first answer pages on its own; the next read is the real server's
            paging.on("/ojs/v1/queues", 1, HostileOjsServer.Behaviour.json(200, "{\"queues\":[{\"name\":\"a\"},"
                    + "{\"name\":\"b\"}],\"pagination\":{\"total\":3,\"limit\":2,\"offset\":0,\"has_more\":true}}"));
            assertThat(viaPaging.queues()).extracting(QueueInfo::name).containsExactly("a", "b", "c");
            assertThat(paging.received()).filteredOn(r -> r.path().equals("/ojs/v1/queues")).last()
                    .satisfies(r -> assertThat(r.query()).contains("limit=200").contains("offset=2"));
        }
    }

    @Test
    void deadLetterFilteredByQueue() throws Exception {
        EnqueueOptions once = EnqueueOptions.defaults()
                .retry(RetryPolicy.attempts(1).onExhaustion(RetryPolicy.Exhaustion.DEAD_LETTER));
        Job mail = client.enqueue("t.dead", "m", once.queue("mail"));
        Job report = client.enqueue("t.dead", "r", once.queue("reports"));
        OjsWorkerApi worker = ClientSettings.builder().url(server.url()).build().restClient(OjsWorkerApi.class);
        try {
            for (Job fetched : worker.fetch(new FetchRequest(List.of("mail", "reports"), 2, "w", null)).jobs()) {
                worker.nack(new NackRequest(fetched.id(), JobError.of("handler_error", "Boom", "failed", false, null),
                        null, "w"));
            }
        } finally {
            ((Closeable) worker).close();
        }
        assertThat(client.deadLetter().jobs()).extracting(Job::id).containsExactlyInAnyOrder(mail.id(), report.id());
        DeadLetterPage mailOnly = client.deadLetter("mail", 10, 0);
        assertThat(mailOnly.jobs()).extracting(Job::id).containsExactly(mail.id());
        assertThat(mailOnly.total()).isEqualTo(1);
        assertThat(client.deadLetterAsync("reports", 10, 0).toCompletableFuture().join().jobs())
                .extracting(Job::id).containsExactly(report.id());
        assertThat(client.deadLetter("mail", 10, 1).jobs()).isEmpty();
        assertThatThrownBy(() -> client.deadLetter("Mail Queue", 10, 0)).isInstanceOfSatisfying(
                OjsValidationException.class, e -> assertThat(e.code()).isEqualTo(CLI_0002.id()));
    }

    @Test
    void theRateLimitGoesOutAsTheExtensionSaysAndTheServerShowsItBack() throws Exception {
        Job job = client.enqueue("t.limited", null, EnqueueOptions.defaults().rateLimit(RateLimitPolicy.key("tenant:42")
                .concurrency(2).rate(100, Duration.ofMinutes(1)).throttle(5, Duration.ofSeconds(1))
                .onLimit(RateLimitPolicy.OnLimit.RESCHEDULE)));
        JsonObject shown = rawJob(job.id()).getJsonObject("rate_limit");
        assertThat(shown).isNotNull();
        assertThat(shown.getString("key")).isEqualTo("tenant:42");
        assertThat(shown.getInt("concurrency")).isEqualTo(2);
        assertThat(shown.getJsonObject("rate").getInt("limit")).isEqualTo(100);
        assertThat(shown.getJsonObject("rate").getString("period")).isEqualTo("PT1M");
        assertThat(shown.getJsonObject("throttle").getString("period")).isEqualTo("PT1S");
        assertThat(shown.getString("on_limit")).isEqualTo("reschedule");
        Job plain = client.enqueue("t.limited", null, EnqueueOptions.defaults().rateLimit(
                RateLimitPolicy.key("smtp").concurrency(1)));
        assertThat(rawJob(plain.id()).getJsonObject("rate_limit").keySet()).containsExactlyInAnyOrder("key",
                "concurrency");
    }

    @Test
    void aBadRateLimitIsRefusedBeforeAnyCall() {
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient offline = OjsClient.builder().url(ojs.url()).build()) {
            Map<RateLimitPolicy, String> bad = Map.of(
                    RateLimitPolicy.key(null).concurrency(1), CLI_0018.id(),
                    RateLimitPolicy.key("-dash").concurrency(1), CLI_0018.id(),
                    RateLimitPolicy.key("with space").concurrency(1), CLI_0018.id(),
                    RateLimitPolicy.key("smtp"), CLI_0019.id(),
                    RateLimitPolicy.key("smtp").concurrency(0), CLI_0019.id(),
                    RateLimitPolicy.key("smtp").rate(0, Duration.ofSeconds(1)), CLI_0019.id(),
                    RateLimitPolicy.key("smtp").throttle(1, Duration.ZERO), CLI_0019.id());
            bad.forEach((policy, id) -> assertThatThrownBy(() -> offline.enqueue("t.limited", null,
                    EnqueueOptions.defaults().rateLimit(policy))).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(id);
                        assertThat(e.httpStatus()).isZero();
                    }));
            assertThat(ojs.received()).as("no request left the client").isEmpty();
        }
    }

    private static JsonObject rawJob(String id) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ojs/v1/jobs/" + id))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var reader = WireJson.provider().createReader(new StringReader(response.body()))) {
            return reader.readObject().getJsonObject("job");
        }
    }
}
