package org.openjobspec.ee.model;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Answer of queue stats, pause and resume. Reference servers send
 * {@code {"queue":{"name","available","active","completed","paused"}}}; the spec sends
 * {@code {"queue":"name","status":"paused","stats":{...}}}. {@link #toStats(String)} reads both.
 *
 * @param queue  an object (server shape) or the queue name (spec shape)
 * @param status spec shape: active or paused
 * @param stats  spec shape: the counters
 */
public record QueueAnswer(JsonValue queue, String status, JsonObject stats) {

    /** The statistics, whichever shape arrived; {@code requestedName} fills a missing name. */
    public QueueStats toStats(String requestedName) {
        JsonObject counters;
        String name = requestedName;
        boolean paused = "paused".equalsIgnoreCase(status);
        if (queue instanceof JsonObject object) {
            counters = stats != null ? merge(object, stats) : object;
            if (object.get("name") instanceof JsonString text) {
                name = text.getString();
            }
            JsonValue pausedFlag = object.get("paused");
            if (pausedFlag == JsonValue.TRUE) {
                paused = true;
            }
            if (object.get("status") instanceof JsonString text && "paused".equalsIgnoreCase(text.getString())) {
                paused = true;
            }
        } else {
            counters = stats == null ? JsonValue.EMPTY_JSON_OBJECT : stats;
            if (queue instanceof JsonString text) {
                name = text.getString();
            }
        }
        return new QueueStats(name, paused, number(counters, "available"), number(counters, "active"),
                number(counters, "scheduled"), number(counters, "retryable"), number(counters, "discarded"),
                number(counters, "completed", "completed_last_hour"), counters);
    }

    private static JsonObject merge(JsonObject a, JsonObject b) {
        var builder = WireJson.provider().createObjectBuilder(a);
        b.forEach(builder::add);
        return builder.build();
    }

    private static Long number(JsonObject object, String... keys) {
        for (String key : keys) {
            if (object.get(key) instanceof JsonNumber number) {
                return number.longValue();
            }
        }
        return null;
    }
}
