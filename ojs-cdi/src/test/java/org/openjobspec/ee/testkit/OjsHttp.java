package org.openjobspec.ee.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Plain HTTP calls to the embedded server for test setup and assertions. */
public final class OjsHttp {

    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();
    /** Named, so thread-leak checks can tell the test's own HTTP threads from the library's. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http-" + THREAD_COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(THREADS)
            .build();
    private final URI base;

    public OjsHttp(URI base) {
        this.base = base;
    }

    public String enqueue(String type, JsonArray args) {
        return enqueue(type, args, JsonValue.EMPTY_JSON_OBJECT, null);
    }

    public String enqueue(String type, JsonArray args, JsonObject options, JsonObject meta) {
        var body = Json.createObjectBuilder().add("type", type).add("args", args).add("options", options);
        if (meta != null) {
            body.add("meta", meta);
        }
        JsonObject reply = post("/ojs/v1/jobs", body.build());
        return reply.getJsonObject("job").getString("id");
    }

    public JsonObject job(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/ojs/v1/jobs/" + id)).GET(), 200).getJsonObject("job");
    }

    public String state(String id) {
        return job(id).getString("state");
    }

    public JsonObject cancel(String id) {
        return send(HttpRequest.newBuilder(base.resolve("/ojs/v1/jobs/" + id)).DELETE(), 200);
    }

    public JsonObject post(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), -1);
    }

    public JsonObject queueStats(String queue) {
        return send(HttpRequest.newBuilder(base.resolve("/ojs/v1/queues/" + queue + "/stats")).GET(), 200);
    }

    /** Waits until the job satisfies {@code condition}; fails after {@link Wait#PATIENCE}. */
    public JsonObject await(String id, Predicate<JsonObject> condition) {
        return Wait.until("job " + id, () -> job(id), condition);
    }

    public JsonObject awaitState(String id, String state) {
        return await(id, j -> state.equals(j.getString("state")));
    }

    private JsonObject send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if ((expected > 0 && r.statusCode() != expected) || r.statusCode() >= 400) {
                throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
            }
            if (r.body().isEmpty()) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            try (var reader = Json.createReader(new StringReader(r.body()))) {
                return reader.readObject();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonArray args(Object... values) {
        var b = Json.createArrayBuilder();
        for (Object v : values) {
            if (v == null) {
                b.addNull();
            } else if (v instanceof JsonValue j) {
                b.add(j);
            } else if (v instanceof String s) {
                b.add(s);
            } else if (v instanceof Integer i) {
                b.add(i);
            } else if (v instanceof Long l) {
                b.add(l);
            } else if (v instanceof Boolean bo) {
                b.add(bo);
            } else {
                throw new IllegalArgumentException(v.getClass().getName());
            }
        }
        return b.build();
    }
}
