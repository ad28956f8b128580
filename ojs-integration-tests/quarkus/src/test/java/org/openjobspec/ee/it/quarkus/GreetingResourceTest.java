package org.openjobspec.ee.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GreetingResourceTest {

    @TestHTTPResource("/greeting")
    URL greeting;

    @Test
    void cdiBeanAnswersThroughRest() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(greeting + "?name=quarkus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("hello quarkus", response.body());
        assertEquals("127.0.0.1", greeting.getHost());
    }
}
