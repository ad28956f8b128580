package org.openjobspec.ee.testing.internal.kit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.Messages;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/**
 * The testing kit's calls to the embedded server's admin endpoints, over HTTP so that the kit works wherever the
 * test runs: beside the server, or inside an application server that reaches the server started by the test JVM.
 */
public final class KitHttp {

    /** One client for every kit: loopback calls only, its threads are daemons. */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final String authToken;

    public KitHttp(URI url, String authToken) {
        String s = url.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.authToken = authToken == null || authToken.isBlank() ? null : authToken;
    }

    public String base() {
        return base;
    }

    /** {@code GET /ojs/v1/admin/jobs[?queues=..]}: every job held, oldest enqueue first. */
    public JsonObject jobs(Collection<String> queues) {
        return call("GET", "/ojs/v1/admin/jobs" + queueQuery(queues));
    }

    /** {@code POST /ojs/v1/admin/jobs/retry-now[?queues=..]}: jobs waiting for a retry become available now. */
    public JsonObject retryNow(Collection<String> queues) {
        return call("POST", "/ojs/v1/admin/jobs/retry-now" + queueQuery(queues));
    }

    /** {@code POST /ojs/v1/admin/jobs/clear}: drops jobs, queues, workflows and dead letter; keeps crons. */
    public JsonObject clear() {
        return call("POST", "/ojs/v1/admin/jobs/clear");
    }

    private static String queueQuery(Collection<String> queues) {
        return queues.isEmpty() ? ""
                : "?queues=" + URLEncoder.encode(String.join(",", queues), StandardCharsets.UTF_8);
    }

    private JsonObject call(String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/openjobspec+json").header("OJS-Version", "1.0");
        if (authToken != null) {
            b.header("Authorization", "Bearer " + authToken);
        }
        b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            b.header("Content-Type", "application/openjobspec+json");
        }
        HttpResponse<String> r;
        try {
            r = Shared.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(Messages.SRV_0911 + ": the testing kit cannot reach the OJS server at "
                    + base + " (" + method + " " + path + "): " + e + "; is the embedded server running there?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(Messages.SRV_0911 + ": interrupted while calling " + base + path, e);
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException(Messages.SRV_0911 + ": " + method + " " + base + path + " answered "
                    + r.statusCode() + ": " + r.body() + (r.statusCode() == 404
                    ? "; the testing kit needs the admin endpoints of ojs-testing's embedded OJS server" : ""));
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            JsonValue v = reader.readValue();
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalStateException(Messages.SRV_0911 + ": " + method + " " + base + path
                + " answered something that is not a JSON object: " + r.body());
    }
}
