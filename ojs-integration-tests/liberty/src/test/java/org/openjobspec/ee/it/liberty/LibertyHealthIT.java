package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.Wars;

/**
 * ojs-health on Open Liberty with {@code mpHealth-4.0}: the worker's check {@code ojs-worker} in Liberty's own
 * /health endpoints, DOWN in readiness while the OJS server tells the worker to be quiet and UP again after.
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class LibertyHealthIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "health", managed = false, testable = false)
    static WebArchive health() {
        return Wars.health();
    }

    @Test
    void readinessFollowsTheQuietDirectiveAndEveryGroupReportsTheWorker() throws Exception {
        deployer.deploy("health");
        try {
            JsonObject ready = awaitCheck("ready", "UP");
            assertThat(ready.getJsonObject("data").getString("worker")).isEqualTo("health-it-worker");
            assertThat(ready.getJsonObject("data").getString("state")).isEqualTo("running");
            assertThat(ready.getJsonObject("data").keySet())
                    .contains("jobs-in-flight", "concurrency", "last-server-contact");
            assertThat(check("live").getString("status")).isEqualTo("UP");
            assertThat(check("started").getString("status")).isEqualTo("UP");

            // the embedded server tells a worker to be quiet while it holds a job carrying this test directive
            String jobId = enqueueHold("{\"test_directive\":\"quiet\"}");
            JsonObject quiet = awaitCheck("ready", "DOWN");
            assertThat(quiet.getJsonObject("data").getString("state")).isEqualTo("quiet");
            assertThat(Http.get(health("ready")).statusCode()).isEqualTo(503);
            assertThat(check("live").getString("status")).isEqualTo("UP");

            cancel(jobId); // the job ends, and with it the directive
            JsonObject back = awaitCheck("ready", "UP");
            assertThat(back.getJsonObject("data").getString("state")).isEqualTo("running");
        } finally {
            deployer.undeploy("health");
        }
    }

    /**
     * What /health/ready says while the application is undeployed with a job in flight: the worker drains for its
     * grace period (5 s) during the undeploy. Liberty (26.0.0.3) drops an application's checks as soon as the
     * application starts stopping, before CDI tells the worker to stop: for the whole drain it answers 200 UP
     * without the ojs-worker check, so "DOWN while draining" cannot be seen there during an undeploy. This test
     * records every distinct answer (printed) and pins that the application's check is gone by the end.
     */
    @Test
    void whatReadinessSaysDuringTheUndeployDrain() throws Exception {
        deployer.deploy("health");
        awaitCheck("ready", "UP");
        String jobId = enqueueHold("{}");
        await().atMost(PATIENCE).until(() -> state(jobId), "active"::equals);

        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean undeployed = new AtomicBoolean();
        // the sampler runs beside the undeploy, which Arquillian runs only on the test's own thread
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (!undeployed.get()) {
                String entry = readyAnswer();
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(entry)) {
                    seen.add(entry);
                }
            }
        });
        try {
            deployer.undeploy("health");
        } finally {
            undeployed.set(true);
        }
        sampler.get();
        System.out.println("LibertyHealthIT: /health/ready during the undeploy drain: " + seen);
        assertThat(seen).first().isEqualTo("200 UP running");
        assertThat(seen).last().isEqualTo("200 no ojs-worker check");
    }

    /** One /health/ready answer in short: status code, and the ojs-worker check's status and state if present. */
    private static String readyAnswer() {
        try {
            HttpResponse<String> r = Http.get(health("ready"));
            JsonObject ojs = ojsCheck(r.body());
            return r.statusCode() + " " + (ojs == null ? "no ojs-worker check"
                    : ojs.getString("status") + " " + ojs.getJsonObject("data").getString("state", "?"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static JsonObject awaitCheck(String group, String status) {
        return await("ojs-worker " + status + " in /health/" + group).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> check(group), c -> c != null && status.equals(c.getString("status")));
    }

    private static JsonObject check(String group) throws Exception {
        return ojsCheck(Http.get(health(group)).body());
    }

    /** The ojs-worker entry of a health answer, or null. */
    private static JsonObject ojsCheck(String body) {
        if (body == null || !body.startsWith("{")) {
            return null;
        }
        JsonObject answer = Json.createReader(new StringReader(body)).readObject();
        if (!answer.containsKey("checks")) {
            return null;
        }
        for (JsonValue c : answer.getJsonArray("checks")) {
            if ("ojs-worker".equals(c.asJsonObject().getString("name"))) {
                return c.asJsonObject();
            }
        }
        return null;
    }

    private static URI health(String group) {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("liberty.http.port") + "/health/" + group);
    }

    private static String enqueueHold(String meta) throws Exception {
        HttpResponse<String> response = Http.post(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs"),
                "{\"type\":\"test.hold\",\"args\":[],\"meta\":" + meta + ",\"options\":{\"queue\":\"health\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("id");
    }

    private static void cancel(String jobId) throws Exception {
        HttpResponse<String> response = Http.delete(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs/" + jobId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String state(String jobId) throws Exception {
        JsonObject body = Http.getJson(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs/" + jobId));
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("state");
    }
}
