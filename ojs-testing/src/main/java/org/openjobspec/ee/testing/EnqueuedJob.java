package org.openjobspec.ee.testing;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.kit.JsonMatch;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A job as the OJS server holds it when {@link OjsTestKit} read it: what was enqueued (type, queue, args, meta) and
 * how far it got (state, attempts, result, errors). Immutable; read it again for news. Compose matchers with
 * {@link Predicate#and}: {@code withArgs("[{\"to\": \"ada@example.org\"}]").and(inQueue("email"))}.
 *
 * @param json the job's JSON, as {@code GET /ojs/v1/jobs/{id}} answers it (inside {@code "job"})
 */
public record EnqueuedJob(JsonObject json) {

    public EnqueuedJob {
        Objects.requireNonNull(json, "json");
    }

    public String id() {
        return json.getString("id");
    }

    public String type() {
        return json.getString("type");
    }

    public String queue() {
        return json.getString("queue", "default");
    }

    /**
     * The OJS state: {@code available}, {@code scheduled}, {@code pending}, {@code active}, {@code retryable},
     * or one of the final ones, {@code completed}, {@code discarded}, {@code cancelled}.
     */
    public String state() {
        return json.getString("state");
    }

    /** Attempts started so far (0 until a worker has fetched it). */
    public int attempt() {
        return json.getInt("attempt", 0);
    }

    /** The job's args, always a JSON array on the wire ({@code enqueue(type, x)} sends {@code [x]}). */
    public JsonArray args() {
        return json.containsKey("args") ? json.getJsonArray("args") : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The element {@code index} of the args (the handler's parameter of that position). */
    public JsonValue arg(int index) {
        return args().get(index);
    }

    public JsonObject meta() {
        return json.containsKey("meta") ? json.getJsonObject("meta") : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** What the handler returned, or {@code null} while the job has not completed (or returned nothing). */
    public JsonValue result() {
        JsonValue r = json.get("result");
        return r == null || r == JsonValue.NULL ? null : r;
    }

    /** The last attempt's error, or {@code null} when no attempt failed. */
    public JsonObject error() {
        return json.get("error") instanceof JsonObject e ? e : null;
    }

    /** The last attempt's error message, or {@code null} when no attempt failed. */
    public String errorMessage() {
        JsonObject e = error();
        return e != null && e.get("message") instanceof JsonString s ? s.getString() : null;
    }

    /** Every failed attempt's error, oldest first. */
    public List<JsonObject> errors() {
        return json.get("errors") instanceof JsonArray a
                ? a.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList() : List.of();
    }

    public boolean isCompleted() {
        return "completed".equals(state());
    }

    /** Completed, discarded (failed for good, or expired) or cancelled: nothing more will happen to it. */
    public boolean isFinished() {
        return switch (state()) {
            case "completed", "discarded", "cancelled" -> true;
            default -> false;
        };
    }

    /**
     * Matches jobs whose args contain {@code argsJson}, a JSON array: same length, and element by element every
     * field the expected object names has the expected value (fields it leaves out are not compared; numbers
     * compare by value, so {@code 1} matches {@code 1.0}).
     *
     * @throws IllegalArgumentException when {@code argsJson} is not a JSON array
     */
    public static Predicate<EnqueuedJob> withArgs(String argsJson) {
        JsonArray expected = JsonMatch.parseArray(argsJson);
        return job -> JsonMatch.contains(expected, job.args());
    }

    /** Matches jobs on the queue {@code queue}. */
    public static Predicate<EnqueuedJob> inQueue(String queue) {
        Objects.requireNonNull(queue, "queue");
        return job -> queue.equals(job.queue());
    }

    @Override
    public String toString() {
        return type() + " " + id() + " on '" + queue() + "' (" + state() + ", attempt " + attempt() + ") args "
                + args() + (errorMessage() == null ? "" : ", error: " + errorMessage());
    }
}
