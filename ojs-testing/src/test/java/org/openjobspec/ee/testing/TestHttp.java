package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.server.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny real-HTTP client for the tests. */
public final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, JsonObject body, HttpResponse<String> raw) {
        public JsonObject job() {
            return body.getJsonObject("job");
        }

        public String errorCode() {
            return body.getJsonObject("error").getString("code");
        }
    }

    private final URI base;
    private final String token;

    public TestHttp(URI base) {
        this(base, null);
    }

    public TestHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/openjobspec+json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonObject json = r.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : (JsonObject) Json.parse(r.body());
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String enqueue(String queue) {
        Reply r = post("/ojs/v1/jobs", "{\"type\":\"test.job\",\"args\":[1],\"options\":{\"queue\":\"" + queue + "\"}}");
        if (r.status() != 201) {
            throw new AssertionError("enqueue failed: " + r.body());
        }
        return r.job().getString("id");
    }
}
