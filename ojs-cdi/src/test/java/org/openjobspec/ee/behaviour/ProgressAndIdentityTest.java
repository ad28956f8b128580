package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testkit.Wait;

/**
 * {@code JobContext.progress} and the worker identity in heartbeats: Weld SE with the real extension against the
 * embedded server over HTTP.
 */
@OjsServerTest(resetBetweenTests = true)
class ProgressAndIdentityTest {

    @InjectOjsServer
    static EmbeddedOjsServer server;
    static OjsHttp http;
    static volatile CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void client() {
        http = new OjsHttp(server.url());
    }

    @BeforeEach
    void reset() {
        release = new CountDownLatch(1);
        Ojs.fastConfig(server);
    }

    @ApplicationScoped
    public static class Exporter {
        @Inject
        JobContext current;

        /** Reports through its parameter and through the injected context, then waits to be released. */
        @JobHandler("export.rows")
        public String export(int rows, JobContext ctx) throws InterruptedException {
            ctx.progress(0.25, "a quarter of " + rows);
            current.progress(0.5, "half of " + rows);
            release.await(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return "exported";
        }
    }

    private static JsonObject get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url().resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    @Test
    void aHandlersProgressShowsOnTheServerWhileItRunsAndIsWholeOnceItCompletes() throws Exception {
        try (WeldContainer c = Ojs.boot(Exporter.class);
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            String id = http.enqueue("export.rows", args(1000));
            JsonObject running = http.await(id, j -> j.containsKey("progress")
                    && j.getJsonNumber("progress").doubleValue() == 0.5);
            assertThat(running.getString("state")).isEqualTo("active");
            assertThat(running.getString("progress_message")).isEqualTo("half of 1000");
            Job seen = client.getJob(id);
            assertThat(seen.progressFraction()).as("read through the client").contains(0.5);
            assertThat(seen.progressMessage()).isEqualTo("half of 1000");

            release.countDown();
            JsonObject done = http.awaitState(id, "completed");
            assertThat(done.getJsonNumber("progress").doubleValue()).isEqualTo(1.0);
            assertThat(client.getJob(id).progressFraction()).contains(1.0);
            assertThat(done.getString("result")).isEqualTo("exported");
        }
    }

    @Test
    void heartbeatsSayWhoTheWorkerIs() throws Exception {
        TestConfig.set("ojs.worker.id", "w-identity");
        TestConfig.set("ojs.worker.labels", "region=eu, tier=batch");
        TestConfig.set("ojs.worker.queues", "default,reports");
        TestConfig.set("ojs.worker.concurrency", "3");
        try (WeldContainer c = Ojs.boot(Exporter.class)) {
            JsonObject worker = Wait.until("the worker's identity in the admin listing", () ->
                    get("/ojs/v1/admin/workers").getJsonArray("workers").stream().map(JsonObject.class::cast)
                            .filter(w -> w.getString("id").equals("w-identity") && w.containsKey("labels"))
                            .findFirst().orElse(null), w -> w != null);
            assertThat(worker.getJsonArray("labels").getValuesAs(JsonString::getString))
                    .containsExactly("region=eu", "tier=batch");
            assertThat(worker.getJsonArray("queues").getValuesAs(JsonString::getString))
                    .containsExactly("default", "reports");
            assertThat(worker.getInt("concurrency")).isEqualTo(3);
            assertThat(worker.getJsonNumber("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
            assertThat(worker.getString("hostname")).isNotBlank();
        }
    }
}
