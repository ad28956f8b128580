package org.openjobspec.ee.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * ojs-health with quarkus-smallrye-health: ArC runs only ojs-health's Build Compatible Extension, which adds the
 * checks; Quarkus' own /q/health endpoints report the worker as {@code ojs-worker}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedOjsResource.class)
class OjsHealthOnQuarkusTest {

    @TestHTTPResource("/q/health")
    URL health;

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
