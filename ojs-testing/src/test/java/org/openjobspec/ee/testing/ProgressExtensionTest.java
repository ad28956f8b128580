package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.internal.Messages;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress extension and the worker identity of heartbeats, over real HTTP. */
class ProgressExtensionTest {
    private static EmbeddedOjsServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        server = EmbeddedOjsServer.start();
        http = new TestHttp(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static String fetchOne(String queue) {
        String id = http.enqueue(queue);
        TestHttp.Reply fetched = http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"" + queue + "\"],\"worker_id\":\"w1\"}");
        assertThat(fetched.body().getJsonArray("jobs").getJsonObject(0).getString("id")).isEqualTo(id);
        return id;
    }

    private static TestHttp.Reply report(String id, String body) {
        return http.send("PUT", "/ojs/v1/jobs/" + id + "/progress", body);
    }

    private static double progressOf(String id) {
        return http.get("/ojs/v1/jobs/" + id + "/progress").body().getJsonNumber("progress").doubleValue();
    }

    @Test
    void progressIsClampedNeverGoesBackAndShowsOnTheJobUntilAckMakesItWhole() {
        String id = fetchOne("prg");
        TestHttp.Reply half = report(id, "{\"progress\":0.5,\"message\":\"half\",\"data\":{\"rows\":500}}");
        assertThat(half.status()).isEqualTo(200);
        assertThat(half.body().getBoolean("applied")).isTrue();
        assertThat(half.body().getString("message")).isEqualTo("half");

        TestHttp.Reply lower = report(id, "{\"progress\":0.25,\"message\":\"back\"}");
        assertThat(lower.status()).isEqualTo(200);
        assertThat(lower.body().getBoolean("applied")).isFalse();
        JsonObject current = http.get("/ojs/v1/jobs/" + id + "/progress").body();
        assertThat(current.getJsonNumber("progress").doubleValue()).isEqualTo(0.5);
        assertThat(current.getString("message")).isEqualTo("half");
        assertThat(current.getJsonObject("data").getInt("rows")).isEqualTo(500);
        assertThat(current.getString("updated_at")).isNotBlank();

        assertThat(report(id, "{\"progress\":-3}").body().getBoolean("applied")).isFalse(); // clamped to 0: lower
        assertThat(report(id, "{\"progress\":0.5,\"message\":\"still half\"}").body().getBoolean("applied")).isTrue();
        JsonObject job = http.get("/ojs/v1/jobs/" + id).job();
        assertThat(job.getJsonNumber("progress").doubleValue()).isEqualTo(0.5);
        assertThat(job.getString("progress_message")).isEqualTo("still half");

        assertThat(report(id, "{\"progress\":7}").body().getJsonNumber("progress").doubleValue()).isEqualTo(1.0);
        http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}");
        assertThat(progressOf(id)).isEqualTo(1.0);
    }

    @Test
    void ackSetsProgressToOneAlsoWithoutReports() {
        String id = fetchOne("prg-ack");
        assertThat(http.get("/ojs/v1/jobs/" + id).job().containsKey("progress")).isFalse();
        assertThat(progressOf(id)).isZero();
        http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}");
        assertThat(http.get("/ojs/v1/jobs/" + id).job().getJsonNumber("progress").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void reportsForJobsThatAreNotActiveAreIgnoredWithoutError() {
        String waiting = http.enqueue("prg-idle");
        TestHttp.Reply r = report(waiting, "{\"progress\":0.4}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().getBoolean("applied")).isFalse();
        assertThat(r.body().getString("state")).isEqualTo("available");
        assertThat(progressOf(waiting)).isZero();
    }

    @Test
    void theLastValueIsKeptOnFailureAndANewAttemptStartsAfresh() {
        String id = http.post("/ojs/v1/jobs", "{\"type\":\"test.job\",\"args\":[],\"options\":{\"queue\":\"prg-fail\","
                + "\"retry\":{\"max_attempts\":2,\"initial_interval\":\"PT0.01S\",\"jitter\":false}}}").job()
                .getString("id");
        http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"prg-fail\"]}");
        report(id, "{\"progress\":0.8,\"message\":\"almost\"}");
        http.post("/ojs/v1/workers/nack", "{\"job_id\":\"" + id + "\",\"error\":{\"message\":\"boom\"}}");
        JsonObject failed = http.get("/ojs/v1/jobs/" + id).job();
        assertThat(failed.getString("state")).isIn("retryable", "available"); // the retry may be due already
        assertThat(failed.getJsonNumber("progress").doubleValue()).isEqualTo(0.8);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !http.post(
                "/ojs/v1/workers/fetch", "{\"queues\":[\"prg-fail\"]}").body().getJsonArray("jobs").isEmpty());
        assertThat(progressOf(id)).isZero();
        assertThat(report(id, "{\"progress\":0.1}").body().getBoolean("applied")).isTrue();
    }

    @Test
    void malformedReportsAndUnknownJobsAreRefused() {
        String id = fetchOne("prg-bad");
        TestHttp.Reply noValue = report(id, "{\"message\":\"no number\"}");
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.body().getJsonObject("error").getString("message")).startsWith(Messages.SRV_0310.id());
        TestHttp.Reply badData = report(id, "{\"progress\":0.1,\"data\":[1]}");
        assertThat(badData.status()).isEqualTo(400);
        assertThat(badData.body().getJsonObject("error").getString("message")).startsWith(Messages.SRV_0311.id());
        assertThat(report("0190a0a0-0000-7000-8000-000000000000", "{\"progress\":0.1}").status()).isEqualTo(404);
        assertThat(http.send("POST", "/ojs/v1/jobs/" + id + "/progress", "{\"progress\":0.1}").status())
                .isEqualTo(405);
    }

    @Test
    void progressGoesToTheJobsEventStreamAndTheEventLog() throws Exception {
        String id = fetchOne("prg-sse");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> stream = client.sendAsync(
                HttpRequest.newBuilder(server.url().resolve("/ojs/v1/jobs/" + id + "/events"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS); // the stream is subscribed before its headers are sent
        report(id, "{\"progress\":0.3,\"message\":\"a third\"}");
        http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}"); // ends the job's stream
        List<String> lines = CompletableFuture.supplyAsync(() -> stream.body().toList()).get(10, TimeUnit.SECONDS);
        int at = lines.indexOf("event: job.progress");
        assertThat(at).isNotNegative();
        assertThat(lines.get(at + 1)).startsWith("data: ").contains("\"progress\":0.3")
                .contains("\"message\":\"a third\"").contains("\"job_id\":\"" + id + "\"");

        JsonObject events = http.get("/ojs/v1/events?types=job.progress").body();
        assertThat(events.getJsonArray("events")).singleElement().satisfies(e -> assertThat(
                e.asJsonObject().getJsonObject("data").getJsonNumber("progress").doubleValue()).isEqualTo(0.3));
    }

    @Test
    void theManifestAnnouncesTheExtension() {
        assertThat(http.get("/ojs/manifest").body().getJsonObject("extensions").getJsonArray("official"))
                .anySatisfy(e -> assertThat(e.asJsonObject().getString("name")).isEqualTo("progress"));
    }

    @Test
    void heartbeatsSayWhoTheWorkerIsAndTheAdminListingShowsIt() {
        TestHttp.Reply beat = http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w-id\",\"active_jobs\":[],"
                + "\"state\":\"running\",\"hostname\":\"box-1\",\"pid\":4242,\"queues\":[\"default\",\"email\"],"
                + "\"concurrency\":8,\"labels\":[\"region=eu\",\"tier=batch\"],\"unknown\":{\"x\":1}}");
        assertThat(beat.status()).isEqualTo(200);
        http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w-id\",\"pid\":\"not a number\"}");

        JsonObject w = http.get("/ojs/v1/admin/workers").body().getJsonArray("workers").getJsonObject(0);
        assertThat(w.getString("id")).isEqualTo("w-id");
        assertThat(w.getString("hostname")).isEqualTo("box-1");
        assertThat(w.getInt("pid")).isEqualTo(4242);
        assertThat(w.getJsonArray("queues").getString(1)).isEqualTo("email");
        assertThat(w.getInt("concurrency")).isEqualTo(8);
        assertThat(w.getJsonArray("labels").getString(0)).isEqualTo("region=eu");
        assertThat(w.containsKey("unknown")).isFalse();
    }
}
