package org.openjobspec.ee.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.internal.worker.TransportException;
import org.openjobspec.ee.internal.worker.WorkerJob;
import org.openjobspec.ee.internal.worker.WorkerSettings;
import org.openjobspec.ee.rest.OjsRestConfig;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testkit.OjsHttp;

/** The REST transport's heartbeat body and progress reports, over real HTTP (a real server, or scripted answers). */
class RestWorkerTransportTest {

    private HostileOjsServer ojs;
    private RestWorkerTransport transport;

    @BeforeEach
    void start() {
        ojs = HostileOjsServer.start();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("region", "eu");
        labels.put("tier", "batch");
        WorkerSettings settings = new WorkerSettings(List.of("default", "email"), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), "w-rest", labels, null, null,
                false);
        transport = new RestWorkerTransport(new OjsRestConfig(ojs.url(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                null, Map.of(), null, null, null, null, null), settings);
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        ojs.close();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void everyHeartbeatSaysWhoTheWorkerIs() throws Exception {
        transport.heartbeat("w-rest", List.of(), 30_000, "running");
        JsonObject body = parse(ojs.last().body());
        assertThat(body.getString("worker_id")).isEqualTo("w-rest");
        assertThat(body.getString("state")).isEqualTo("running");
        assertThat(body.getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("region=eu", "tier=batch");
        assertThat(body.getString("hostname")).isNotBlank();
        assertThat(body.getJsonNumber("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(body.getJsonArray("queues").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("default", "email");
        assertThat(body.getInt("concurrency")).isEqualTo(4);
        assertThat(body.getJsonArray("active_jobs")).isEmpty();
    }

    @Test
    void progressReachesTheServer() throws Exception {
        String id = new OjsHttp(ojs.url()).enqueue("report.job", OjsHttp.args());
        List<WorkerJob> fetched = transport.fetch(List.of("default"), 1, "w-rest", 30_000);
        assertThat(fetched).extracting(WorkerJob::id).containsExactly(id);

        transport.progress(id, 0.4, "two fifths");
        assertThat(ojs.last().method()).isEqualTo("PUT");
        assertThat(ojs.last().path()).isEqualTo("/ojs/v1/jobs/" + id + "/progress");
        JsonObject job = ojs.server().state().get(id).getJsonObject("job");
        assertThat(job.getJsonNumber("progress").doubleValue()).isEqualTo(0.4);
        assertThat(job.getString("progress_message")).isEqualTo("two fifths");
    }

    private TransportException.Kind kindOf(String jobId) {
        try {
            transport.progress(jobId, 0.5, null);
        } catch (TransportException e) {
            return e.kind();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aServerWithoutTheEndpointIsToldApartFromAJobThatIsGone() {
        String path = "/ojs/v1/jobs/job-1/progress";
        ojs.on(path, 1, Behaviour.answer(404, Map.of("Content-Type", "text/plain"), "404 page not found"));
        assertThat(kindOf("job-1")).as("a router's 404").isEqualTo(TransportException.Kind.UNSUPPORTED);
        ojs.on(path, 1, Behaviour.json(405, "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"no\"}}"));
        assertThat(kindOf("job-1")).isEqualTo(TransportException.Kind.UNSUPPORTED);
        ojs.on(path, 1, Behaviour.json(409, "{\"error\":{\"code\":\"conflict\",\"message\":\"not active\"}}"));
        assertThat(kindOf("job-1")).isEqualTo(TransportException.Kind.GONE);
        ojs.on(path, 1, Behaviour.serviceUnavailable(Duration.ofSeconds(1)));
        assertThat(kindOf("job-1")).isEqualTo(TransportException.Kind.UNAVAILABLE);
        assertThat(kindOf("0190a0a0-0000-7000-8000-000000000000")).as("the real server's 404 about the job")
                .isEqualTo(TransportException.Kind.GONE);
    }
}
