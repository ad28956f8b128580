package org.openjobspec.ee.reliability.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Plain HTTP to an OJS server, for setting up scenarios and reading back what the server holds. */
public final class Api {

    /**
     * How long a scenario waits for what takes a second or two on an idle machine: a failure bound for a loaded
     * 2-core machine, not a speed assumption. Waits use Awaitility.
     */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Api(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** A job as the batch endpoint takes it. */
    public static JsonObject job(String type, JsonArray args, JsonObject options) {
        var b = Json.createObjectBuilder().add("type", type).add("args", args);
        if (options != null) {
            b.add("options", options);
        }
        return b.build();
    }

    public static JsonArray args(Object... values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Object v : values) {
            if (v instanceof Integer i) {
                a.add(i);
            } else if (v instanceof Long l) {
                a.add(l);
            } else {
                a.add(String.valueOf(v));
            }
        }
        return a.build();
    }

    public static JsonObject retry(int maxAttempts) {
        return Json.createObjectBuilder().add("retry", Json.createObjectBuilder().add("max_attempts", maxAttempts)
                .add("initial_interval", "PT0.1S").add("jitter", false)).build();
    }

    /** Enqueues {@code count} copies of a job in batches of 1,000 and returns their ids in order. */
    public List<String> enqueueMany(int count, JsonObject job) {
        List<String> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            JsonArrayBuilder batch = Json.createArrayBuilder();
            int n = Math.min(1000, count - ids.size());
            for (int i = 0; i < n; i++) {
                batch.add(job);
            }
            JsonObject reply = post("/ojs/v1/jobs/batch", Json.createObjectBuilder().add("jobs", batch).build());
            reply.getJsonArray("jobs").forEach(j -> ids.add(j.asJsonObject().getString("id")));
        }
        return ids;
    }

    public String enqueue(JsonObject job) {
        JsonObject reply = post("/ojs/v1/jobs", job);
        return (reply.containsKey("job") ? reply.getJsonObject("job") : reply).getString("id");
    }

    public JsonObject job(String id) {
        JsonObject reply = get("/ojs/v1/jobs/" + id);
        return reply.containsKey("job") ? reply.getJsonObject("job") : reply;
    }

    public String state(String id) {
        return job(id).getString("state");
    }

    public JsonObject queue(String name) {
        return get("/ojs/v1/queues/" + name + "/stats").getJsonObject("queue");
    }

    public JsonObject await(String id, Predicate<JsonObject> done) {
        return Awaitility.await("job " + id).atMost(PATIENCE).until(() -> job(id), done);
    }

    public JsonObject awaitState(String id, String state) {
        return await(id, j -> j.getString("state").equals(state));
    }

    public JsonObject get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public JsonObject post(String path, JsonValue body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonObject send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return Json.createReader(new StringReader(r.body())).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
