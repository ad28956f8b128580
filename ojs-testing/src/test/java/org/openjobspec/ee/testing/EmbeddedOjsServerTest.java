package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedOjsServerTest {
    private final List<EmbeddedOjsServer> started = new ArrayList<>();

    private EmbeddedOjsServer start(EmbeddedOjsServer.Builder b) {
        EmbeddedOjsServer s = b.start();
        started.add(s);
        return s;
    }

    @AfterEach
    void stopAll() {
        started.forEach(EmbeddedOjsServer::stop);
    }

    @Test
    void concurrentFetchesNeverHandTheSameJobToTwoWorkers() throws Exception {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder());
        TestHttp http = new TestHttp(s.url());
        int jobs = 400;
        StringBuilder batch = new StringBuilder("{\"jobs\":[");
        for (int i = 0; i < jobs; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"t.claim\",\"args\":[").append(i)
                    .append("],\"options\":{\"queue\":\"claim\"}}");
        }
        assertThat(http.post("/ojs/v1/jobs/batch", batch + "]}").status()).isEqualTo(201);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            String worker = "w" + w;
            workers.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                while (true) {
                    var r = http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"claim\"],\"count\":3,\"worker_id\":\""
                            + worker + "\"}");
                    var fetched = r.body().getJsonArray("jobs");
                    if (fetched.isEmpty()) {
                        return;
                    }
                    for (JsonValue j : fetched) {
                        String id = ((JsonObject) j).getString("id");
                        if (!seen.add(id)) {
                            duplicates.add(id);
                        }
                    }
                }
            }, pool));
        }
        go.countDown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(jobs);
        assertThat(http.get("/ojs/v1/queues/claim/stats").body().getJsonObject("queue").getInt("active"))
                .isEqualTo(jobs);
    }

    @Test
    void anExpiredLeaseRequeuesTheJobAndAHeartbeatReallyExtendsIt() throws Exception {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder().tick(Duration.ofMillis(20)));
        TestHttp http = new TestHttp(s.url());
        String abandoned = http.enqueue("lease");
        String kept = http.enqueue("lease");
        var fetched = http.post("/ojs/v1/workers/fetch",
                "{\"queues\":[\"lease\"],\"count\":2,\"worker_id\":\"w1\",\"visibility_timeout_ms\":2000}");
        assertThat(fetched.body().getJsonArray("jobs")).hasSize(2);

        // both leases are 2 s; one beat moves the kept job's lease to 60 s
        var beat = http.post("/ojs/v1/workers/heartbeat",
                "{\"worker_id\":\"w1\",\"active_jobs\":[\"" + kept + "\"],\"visibility_timeout_ms\":60000}");
        assertThat(beat.body().getString("state")).isEqualTo("running");
        assertThat(beat.body().getString("directive")).isEqualTo("continue");
        assertThat(beat.body().getJsonArray("jobs_extended").getString(0)).isEqualTo(kept);

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/ojs/v1/jobs/" + abandoned).job()
                .getString("state").equals("available"));
        // the abandoned job's lease ran out, so the kept one's original lease has too: the beat kept it
        assertThat(http.get("/ojs/v1/jobs/" + kept).job().getString("state")).isEqualTo("active");
        JsonObject lost = http.get("/ojs/v1/jobs/" + abandoned).job();
        assertThat(lost.getJsonObject("error").getString("code")).isEqualTo("visibility_timeout");

        var late = http.post("/ojs/v1/workers/heartbeat",
                "{\"worker_id\":\"w1\",\"active_jobs\":[\"" + abandoned + "\"]}");
        assertThat(late.body().getJsonArray("jobs_extended")).as("a lost job is not extended").isEmpty();
        assertThat(http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + kept + "\"}").status()).isEqualTo(200);

        // the redelivered job is fetched again with attempt 2
        var again = http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"lease\"],\"worker_id\":\"w2\"}");
        assertThat(again.body().getJsonArray("jobs").getJsonObject(0).getString("id")).isEqualTo(abandoned);
        assertThat(again.body().getJsonArray("jobs").getJsonObject(0).getInt("attempt")).isEqualTo(2);
    }

    @Test
    void badInputGetsTheErrorEnvelopeAndNeverChangesState() {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder());
        TestHttp http = new TestHttp(s.url());
        String id = http.enqueue("safe");
        JsonObject before = http.get("/ojs/v1/jobs/" + id).job();
        JsonObject statsBefore = http.get("/ojs/v1/queues/safe/stats").body().getJsonObject("queue");

        record Bad(String method, String path, String body, int status, String code) {
        }
        List<Bad> bad = List.of(
                new Bad("POST", "/ojs/v1/jobs", "{ not json", 400, "invalid_payload"),
                new Bad("POST", "/ojs/v1/jobs", "[1,2]", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":5,\"args\":[]}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":{}}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"id\":\"ABC\"}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"id\":\"" + id + "\"}", 409, "duplicate"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"options\":{\"queue\":\"safe\","
                        + "\"priority\":\"high\"}}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"options\":{\"queue\":\"safe\","
                        + "\"retry\":{\"max_attempts\":-1}}}", 422, "validation_error"),
                new Bad("POST", "/ojs/v1/jobs/batch", "{\"jobs\":[{\"type\":\"a.b\",\"args\":[],\"options\":"
                        + "{\"queue\":\"safe\"}},{\"type\":\"BAD\",\"args\":[]}]}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}", 409, "conflict"),
                new Bad("POST", "/ojs/v1/workers/nack", "{\"job_id\":\"" + id + "\",\"error\":\"x\"}", 400,
                        "invalid_request"),
                new Bad("POST", "/ojs/v1/workers/ack", "{\"job_id\":42}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/workers/ack", "{\"job_id\":\"01961111-aaaa-7bbb-8ccc-dddddddddddd\"}", 404,
                        "not_found"),
                new Bad("POST", "/ojs/v1/workers/fetch", "{\"queues\":\"safe\"}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/workers/heartbeat", "{\"active_jobs\":[]}", 400, "invalid_request"),
                new Bad("GET", "/ojs/v1/jobs/not-a-job", null, 404, "not_found"),
                new Bad("DELETE", "/ojs/v1/dead-letter/" + id, null, 404, "not_found"),
                new Bad("PUT", "/ojs/v1/jobs/" + id, "{}", 405, "method_not_allowed"),
                new Bad("GET", "/ojs/v1/nowhere", null, 404, "not_found"),
                new Bad("POST", "/ojs/v1/cron", "{\"name\":\"c\",\"expression\":\"61 * * * *\",\"job_template\":"
                        + "{\"type\":\"a.b\",\"args\":[]}}", 400, "invalid_request"),
                new Bad("POST", "/ojs/v1/workflows", "{\"type\":\"chain\",\"steps\":[]}", 400, "invalid_request"));
        for (Bad b : bad) {
            var r = http.send(b.method(), b.path(), b.body());
            assertThat(r.status()).as(b.toString()).isEqualTo(b.status());
            assertThat(r.errorCode()).as(b.toString()).isEqualTo(b.code());
            assertThat(r.body().getJsonObject("error").getString("message")).as(b.toString()).startsWith("OJS-SRV-");
            assertThat(r.body().getJsonObject("error").getBoolean("retryable")).isFalse();
            assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/openjobspec+json");
        }
        // system-managed fields in a request are ignored, never copied onto the job
        var sneaky = http.post("/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"state\":\"completed\",\"attempt\":9,"
                + "\"options\":{\"queue\":\"other\"}}");
        assertThat(sneaky.job().getString("state")).isEqualTo("available");
        assertThat(sneaky.job().getInt("attempt")).isZero();

        assertThat(http.get("/ojs/v1/jobs/" + id).job()).isEqualTo(before);
        assertThat(http.get("/ojs/v1/queues/safe/stats").body().getJsonObject("queue")).isEqualTo(statsBefore);
    }

    @Test
    void bearerTokenAuthExemptsOnlyHealth() {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder().authToken("s3cret"));
        assertThat(new TestHttp(s.url()).get("/ojs/v1/health").status()).isEqualTo(200);
        var none = new TestHttp(s.url()).get("/ojs/v1/queues");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthorized");
        var wrong = new TestHttp(s.url(), "nope").get("/ojs/v1/queues");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errorCode()).isEqualTo("forbidden");
        assertThat(new TestHttp(s.url(), "s3cret").get("/ojs/v1/queues").status()).isEqualTo(200);
        assertThat(new TestHttp(s.url()).post("/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[]}").status())
                .isEqualTo(401);
    }

    @Test
    void restartsOnTheSamePortWithItsStateAndLeavesNoThreadsBehind() throws Exception {
        Set<String> threadsBefore = serverThreads();
        EmbeddedOjsServer first = EmbeddedOjsServer.start();
        TestHttp http = new TestHttp(first.url());
        String id = http.enqueue("restart");
        int port = first.port();
        OjsState state = first.state();
        first.stop();

        Set<String> left = serverThreads();
        left.removeAll(threadsBefore);
        assertThat(left).as("threads left by a stopped server").isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);

        EmbeddedOjsServer second = start(EmbeddedOjsServer.builder().port(port).state(state));
        assertThat(second.url()).isEqualTo(first.url());
        assertThat(new TestHttp(second.url()).get("/ojs/v1/jobs/" + id).job().getString("state"))
                .isEqualTo("available");
        second.reset();
        assertThat(new TestHttp(second.url()).get("/ojs/v1/jobs/" + id).status()).isEqualTo(404);
    }

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ojs-server-") || n.startsWith("HTTP-Dispatcher")
                        || n.startsWith("idle-timeout"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void adminDirectivesAndTheTestHookReachTheWorkerThroughHeartbeats() {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder());
        TestHttp http = new TestHttp(s.url());
        assertThat(http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w1\",\"active_jobs\":[]}").body()
                .getString("state")).isEqualTo("running");
        assertThat(http.post("/ojs/v1/admin/workers/w1/quiet", null).status()).isEqualTo(200);
        var quiet = http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w1\",\"active_jobs\":[]}").body();
        assertThat(quiet.getString("state")).isEqualTo("quiet");
        assertThat(quiet.getString("directive")).isEqualTo("quiet");
        http.post("/ojs/v1/admin/workers/w1/terminate", "{}");
        http.post("/ojs/v1/admin/workers/w1/quiet", "{}"); // terminate never goes back
        assertThat(http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w1\",\"active_jobs\":[]}").body()
                .getString("state")).isEqualTo("terminate");
        assertThat(http.get("/ojs/v1/admin/workers").body().getJsonArray("workers").getJsonObject(0)
                .getString("directive")).isEqualTo("terminate");

        http.post("/ojs/v1/jobs", "{\"type\":\"a.b\",\"args\":[],\"options\":{\"queue\":\"hook\","
                + "\"metadata\":{\"test_directive\":\"quiet\"}}}");
        String job = http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"hook\"],\"worker_id\":\"w2\"}").body()
                .getJsonArray("jobs").getJsonObject(0).getString("id");
        assertThat(http.post("/ojs/v1/workers/heartbeat", "{\"worker_id\":\"w2\",\"active_jobs\":[\"" + job + "\"]}")
                .body().getString("state")).isEqualTo("quiet");
    }

    @Test
    void sseStreamsStateChangesHeartbeatsAndEndsWhenTheServerStops() throws Exception {
        EmbeddedOjsServer s = start(EmbeddedOjsServer.builder().sseHeartbeat(Duration.ofMillis(100)));
        TestHttp http = new TestHttp(s.url());
        String id = http.enqueue("sse");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<Stream<String>>> jobStream = client.sendAsync(
                HttpRequest.newBuilder(s.url().resolve("/ojs/v1/jobs/" + id + "/events"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<HttpResponse<Stream<String>>> queueStream = client.sendAsync(
                HttpRequest.newBuilder(s.url().resolve("/ojs/v1/queues/sse/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> jr = jobStream.get(5, TimeUnit.SECONDS);
        HttpResponse<Stream<String>> qr = queueStream.get(5, TimeUnit.SECONDS);
        assertThat(jr.headers().firstValue("Content-Type")).hasValue("text/event-stream");

        http.post("/ojs/v1/workers/fetch", "{\"queues\":[\"sse\"]}");
        http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}");
        List<String> jobLines = CompletableFuture.supplyAsync(() -> jr.body().toList()).get(5, TimeUnit.SECONDS);
        assertThat(jobLines).contains("event: job.state_changed");
        assertThat(jobLines.stream().filter(l -> l.startsWith("data: ")).toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("\"from\":\"available\"").contains("\"to\":\"active\""))
                .anySatisfy(l -> assertThat(l).contains("\"from\":\"active\"").contains("\"to\":\"completed\""));

        List<String> queueLines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> queueRead = CompletableFuture.runAsync(() -> qr.body().forEach(queueLines::add));
        await().atMost(Duration.ofSeconds(30)).until(() -> queueLines.contains(":heartbeat")
                && queueLines.stream().anyMatch(l -> l.contains("\"to\":\"completed\"")));
        s.stop(); // ends the open queue stream
        assertThat(queueRead).succeedsWithin(Duration.ofSeconds(5));
        assertThat(queueLines).contains(":heartbeat")
                .anySatisfy(l -> assertThat(l).contains("\"to\":\"completed\""));
    }
}
