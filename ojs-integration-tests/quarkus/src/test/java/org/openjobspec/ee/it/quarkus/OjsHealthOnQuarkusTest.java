package org.openjobspec.ee.it.quarkus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;

/**
 * ojs-health with quarkus-smallrye-health: ArC runs only ojs-health's Build Compatible Extension, which adds the
 * checks; Quarkus' own /q/health endpoints report the worker as {@code ojs-worker}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedOjsResource.class)
class OjsHealthOnQuarkusTest {

    @TestHTTPResource("/q/health")
    URL health;

    @Inject
    OjsClient ojs;

    @Test
    void everyGroupReportsTheRunningWorker() throws Exception {
        for (String group : new String[] {"ready", "live", "started"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(health + "/" + group)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), group + ": " + response.body());
            JsonObject check = ojsCheck(response.body());
            assertNotNull(check, group + " has no ojs-worker check: " + response.body());
            assertEquals("UP", check.getString("status"), response.body());
            JsonObject data = check.getJsonObject("data");
            assertEquals("running", data.getString("state"), response.body());
            assertTrue(data.containsKey("worker") && data.containsKey("jobs-in-flight")
                    && data.containsKey("concurrency") && data.containsKey("last-server-contact"), data.toString());
        }
    }

    @Test
    void readinessIsDownWhileTheServerSaysQuietAndUpAfter() throws Exception {
        // the embedded server tells a worker to be quiet while it holds a job carrying this test directive
        String id = ojs.enqueue("test.hold", null, EnqueueOptions.defaults().meta("test_directive", "quiet")).id();
        JsonObject quiet = awaitReady("DOWN", 503);
        assertEquals("quiet", quiet.getJsonObject("data").getString("state"), quiet.toString());

        ojs.cancel(id); // the job ends, and with it the directive
        JsonObject back = awaitReady("UP", 200);
        assertEquals("running", back.getJsonObject("data").getString("state"), back.toString());
    }

    private JsonObject awaitReady(String status, int code) {
        return await("ojs-worker " + status).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create(health + "/ready")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonObject check = ojsCheck(r.body());
                    return r.statusCode() == code && check != null && status.equals(check.getString("status"))
                            ? check : null;
                }, c -> c != null);
    }

    private static JsonObject ojsCheck(String body) {
        JsonObject answer = Json.createReader(new StringReader(body)).readObject();
        for (JsonValue c : answer.getJsonArray("checks")) {
            if ("ojs-worker".equals(c.asJsonObject().getString("name"))) {
                return c.asJsonObject();
            }
        }
        return null;
    }
}
