package org.openjobspec.ee.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openjobspec.ee.testing.EnqueuedJob.inQueue;
import static org.openjobspec.ee.testing.EnqueuedJob.withArgs;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.testing.EnqueuedJob;
import org.openjobspec.ee.testing.OjsTestKit;

/**
 * ojs-testing's {@link OjsTestKit} in a {@code @QuarkusTest}: the application started once by Quarkus, its worker
 * running on Quarkus' managed executor, the kit pointed at the application's own {@code ojs.url} and the server
 * cleared before each test.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedOjsResource.class)
class TestKitOnQuarkusTest {

    @TestHTTPResource("/greeting")
    URL greeting;

    @Inject
    @ConfigProperty(name = "ojs.url")
    String ojsUrl;

    @Inject
    OjsClient client;

    OjsTestKit ojs;

    @BeforeEach
    void startFromACleanServer() {
        ojs = OjsTestKit.connect(URI.create(ojsUrl));
        ojs.clear();
    }

    @Test
    void aJobEnqueuedByAResourceIsFoundAndDrainedThroughTheRealHandler() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(greeting + "?name=kit"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        EnqueuedJob enqueued = ojs.assertEnqueued("greeting.compose",
                withArgs("[{\"name\": \"kit\"}]").and(inQueue("default")));
        List<EnqueuedJob> ran = ojs.drain("default");

        assertEquals(1, ran.size(), ran.toString());
        EnqueuedJob job = ran.get(0);
        assertEquals(enqueued.id(), job.id());
        assertTrue(job.isCompleted(), job.toString());
        JsonObject result = job.result().asJsonObject();
        assertEquals("hello kit", result.getString("text"));
        // run by the application's worker, on Quarkus' managed executor
        assertTrue(result.getString("thread").startsWith("executor-thread-"), result.toString());
    }

    @Test
    void eachTestStartsFromTheClearedServer() {
        assertEquals(List.of(), ojs.enqueued());
        client.enqueue("greeting.compose", new Greetings.Person("again"));

        ojs.assertEnqueued("greeting.compose", "[{\"name\": \"again\"}]");
        ojs.refuteEnqueued("greeting.compose", "[{\"name\": \"kit\"}]");
        assertEquals("hello again", ojs.drain().get(0).result().asJsonObject().getString("text"));
    }
}
