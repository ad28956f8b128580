package org.openjobspec.ee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The checks of ojs-health in a container's own MicroProfile Health endpoints, against the health WAR
 * ({@link Wars#health()}), shared by every container: {@code health} is the base of the container's endpoints,
 * such as {@code http://127.0.0.1:9080/health/}.
 */
public final class HealthChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private HealthChecks() {
    }

    /**
     * All three groups report the running worker; readiness goes DOWN (503) while the OJS server tells the worker
     * to be quiet, liveness stays UP, and readiness is UP again once the server no longer does.
     */
    public static void readinessFollowsTheQuietDirective(URI health) throws Exception {
        JsonObject ready = awaitCheck(health, "ready", "UP");
        assertThat(ready.getJsonObject("data").getString("worker")).isEqualTo("health-it-worker");
        assertThat(ready.getJsonObject("data").getString("state")).isEqualTo("running");
        assertThat(ready.getJsonObject("data").keySet())
                .contains("jobs-in-flight", "concurrency", "last-server-contact");
        assertThat(check(health, "live").getString("status")).isEqualTo("UP");
        assertThat(check(health, "started").getString("status")).isEqualTo("UP");

        // the embedded server tells a worker to be quiet while it holds a job carrying this test directive
        String jobId = enqueueHold("{\"test_directive\":\"quiet\"}");
        JsonObject quiet = awaitCheck(health, "ready", "DOWN");
        assertThat(quiet.getJsonObject("data").getString("state")).isEqualTo("quiet");
        assertThat(Http.get(health.resolve("ready")).statusCode()).isEqualTo(503);
        assertThat(check(health, "live").getString("status")).isEqualTo("UP");

        cancel(jobId); // the job ends, and with it the directive
        JsonObject back = awaitCheck(health, "ready", "UP");
        assertThat(back.getJsonObject("data").getString("state")).isEqualTo("running");
    }

    public static JsonObject awaitCheck(URI health, String group, String status) {
        return await("ojs-worker " + status + " in " + group).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> check(health, group), c -> c != null && status.equals(c.getString("status")));
    }

    /** The ojs-worker check of a group's answer, or null if the answer has none. */
    public static JsonObject check(URI health, String group) throws Exception {
        return ojsCheck(Http.get(health.resolve(group)).body());
    }

    /** One readiness answer in short: status code, and the ojs-worker check's status and state if present. */
    public static String readyAnswer(URI health) {
        try {
            HttpResponse<String> r = Http.get(health.resolve("ready"));
            JsonObject ojs = ojsCheck(r.body());
            return r.statusCode() + " " + (ojs == null ? "no ojs-worker check"
                    : ojs.getString("status") + " " + ojs.getJsonObject("data").getString("state", "?"));
        } catch (Exception e) {
            return e.toString();
        }
    }

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

    /** Enqueues a {@code test.hold} job on the health WAR's queue with the given meta; returns its id. */
    public static String enqueueHold(String meta) throws Exception {
        HttpResponse<String> response = Http.post(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs"),
                "{\"type\":\"test.hold\",\"args\":[],\"meta\":" + meta + ",\"options\":{\"queue\":\"health\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("id");
    }

    public static void cancel(String jobId) throws Exception {
        HttpResponse<String> response = Http.delete(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs/" + jobId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    public static String state(String jobId) throws Exception {
        JsonObject body = Http.getJson(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs/" + jobId));
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("state");
    }
}
