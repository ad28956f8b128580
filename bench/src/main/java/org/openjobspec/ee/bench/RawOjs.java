package org.openjobspec.ee.bench;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The OJS HTTP API spoken with nothing but {@code java.net.http} (keep-alive, HTTP/1.1) and JSON-P for reading ids:
 * the baselines, and the untimed set-up (seeding, pausing, resetting).
 */
final class RawOjs {

    static final String CONTENT_TYPE = "application/openjobspec+json";
    /** Looked up once: {@code jakarta.json.Json.createReader} would scan META-INF/services on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    final HttpClient http;
    final URI base;

    RawOjs(URI base) {
        this.base = base;
        // answers are completed on the client's selector thread, without a hand-off to a pool: ~30 % faster,
        // the strongest baseline the JDK client gives
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * JDK-8338569 (fixed in JDK 24, still in 17): when a pooled connection is reused at once, the pool's idle-watch
     * subscriber can swallow the answer to the next request, which then fails with "connection closed locally"
     * although the server received and answered it. Not retried: a POST may not be sent twice.
     */
    static boolean lostToPoolRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ("connection closed locally".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    String post(String path, String body) {
        try {
            HttpResponse<String> r = http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("POST " + path + ": " + e, e);
        }
    }

    String get(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", CONTENT_TYPE).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    void reset() {
        post("/ojs/v1/admin/reset", "{}");
    }

    void pause(String queue) {
        post("/ojs/v1/queues/" + queue + "/pause", "{}");
    }

    void resume(String queue) {
        post("/ojs/v1/queues/" + queue + "/resume", "{}");
    }

    /** Queues {@code n} jobs in batches of 500 (untimed set-up). */
    void seed(String queue, String type, int n) {
        for (int done = 0; done < n; ) {
            int size = Math.min(500, n - done);
            StringBuilder b = new StringBuilder("{\"jobs\":[");
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(jobJson(type, queue, done + i));
            }
            post("/ojs/v1/jobs/batch", b.append("]}").toString());
            done += size;
        }
    }

    static String jobJson(String type, String queue, int n) {
        return "{\"type\":\"" + type + "\",\"args\":[\"user" + n + "@example.com\"," + n
                + "],\"options\":{\"queue\":\"" + queue + "\"}}";
    }

    /** Job ids of a fetch answer (204 or {"jobs":[]} both mean none). */
    static List<String> ids(HttpResponse<String> r) {
        if (r.statusCode() == 204 || r.body().isEmpty()) {
            return List.of();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("fetch answered " + r.statusCode() + ": " + r.body());
        }
        try (JsonReader reader = JSON.createReader(new StringReader(r.body()))) {
            JsonObject o = reader.readObject();
            List<String> ids = new ArrayList<>();
            for (JsonValue j : o.getJsonArray("jobs")) {
                ids.add(j.asJsonObject().getString("id"));
            }
            return ids;
        }
    }

    static String fetchBody(String queue, int count, String workerId) {
        return "{\"queues\":[\"" + queue + "\"],\"count\":" + count + ",\"worker_id\":\"" + workerId + "\"}";
    }

    static String ackBody(String id, String workerId) {
        return "{\"job_id\":\"" + id + "\",\"worker_id\":\"" + workerId + "\"}";
    }

    List<String> fetch(String queue, int count, String workerId) {
        try {
            return ids(http.send(request("/ojs/v1/workers/fetch", fetchBody(queue, count, workerId)),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("fetch: " + e, e);
        }
    }

    /** Acks all ids at once (one request each, in parallel over the keep-alive pool) and waits for the answers. */
    void ackAll(List<String> ids, String workerId) {
        List<CompletableFuture<HttpResponse<Void>>> acks = new ArrayList<>(ids.size());
        for (String id : ids) {
            acks.add(http.sendAsync(request("/ojs/v1/workers/ack", ackBody(id, workerId)),
                    HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> a : acks) {
            int status = a.join().statusCode();
            if (status != 200) {
                throw new IllegalStateException("ack answered " + status);
            }
        }
    }

    /** Acks one job and waits for the answer (its body is not read: a raw loop only needs the status). */
    void ack(String id, String workerId) {
        try {
            int status = http.send(request("/ojs/v1/workers/ack", ackBody(id, workerId)),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("ack answered " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ack: " + e, e);
        }
    }

    /** Jobs of a queue completed since the last reset, from the queue stats endpoint. */
    long completed(String queue) {
        return queueCount(queue, "completed");
    }

    /** One count of the queue stats endpoint, e.g. "available" or "completed". */
    long queueCount(String queue, String field) {
        try (JsonReader reader = JSON.createReader(new StringReader(get("/ojs/v1/queues/" + queue + "/stats")))) {
            return reader.readObject().getJsonObject("queue").getJsonNumber(field).longValue();
        }
    }
}
