package org.openjobspec.ee.testing.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One job. Mutable, and only ever touched while holding the {@link OjsState} lock. */
final class Job {
    final String id;
    final long seq;
    final String type;
    final String queue;
    final JsonArray args;
    final JsonObject meta;
    final String schema;
    final Integer priority;
    final int priorityKey;
    final Long timeoutMs;
    final RetryPolicy retry;
    final JsonObject retryJson;
    final UniquePolicy unique;
    final JsonObject uniqueJson;
    final String uniqueKey;
    final JsonArray tags;
    final Long visibilityTimeoutMs;
    final Map<String, JsonValue> extra;
    final long createdAt;

    JobState state;
    int attempt;
    long enqueuedAt;
    Long scheduledAt;
    String scheduledAtText;
    final Long expiresAt;
    final String expiresAtText;
    Long startedAt;
    Long completedAt;
    Long cancelledAt;
    Long discardedAt;
    String workerId;
    JsonValue result;
    JsonObject error;
    final List<JsonObject> errors = new ArrayList<>();
    Long retryDelayMs;
    JsonArray parentResults;

    long leaseMs;
    long visibleUntil;
    /** Due time while scheduled or retryable; the key in the delayed index. */
    long dueAt;
    boolean deadLettered;

    String workflowId;
    int workflowIndex = -1;

    Job(String id, long seq, EnqueueRequest r, String uniqueKey, long now) {
        this.id = id;
        this.seq = seq;
        this.type = r.type();
        this.queue = r.queue();
        this.args = r.args();
        this.meta = r.meta();
        this.schema = r.schema();
        this.priority = r.priority();
        this.priorityKey = r.priority() == null ? 0 : r.priority();
        this.timeoutMs = r.timeoutMs();
        this.retry = r.retry();
        this.retryJson = r.retryJson();
        this.unique = r.unique();
        this.uniqueJson = r.uniqueJson();
        this.uniqueKey = uniqueKey;
        this.tags = r.tags();
        this.visibilityTimeoutMs = r.visibilityTimeoutMs();
        this.extra = r.extra();
        this.createdAt = now;
        this.enqueuedAt = now;
        this.scheduledAt = r.scheduledAt();
        this.scheduledAtText = r.scheduledAtText();
        this.expiresAt = r.expiresAt();
        this.expiresAtText = r.expiresAtText();
    }

    String testDirective() {
        if (meta != null && meta.get("test_directive") instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return null;
    }

    JsonObject toJson() {
        JsonObjectBuilder b = Json.obj()
                .add("id", id)
                .add("type", type)
                .add("state", state.wire())
                .add("queue", queue)
                .add("args", args);
        if (meta != null) {
            b.add("meta", meta);
        }
        if (priority != null) {
            b.add("priority", priority);
        }
        b.add("attempt", attempt).add("max_attempts", retry.maxAttempts());
        if (timeoutMs != null) {
            b.add("timeout_ms", timeoutMs);
        }
        if (workerId != null) {
            b.add("worker_id", workerId);
        }
        b.add("created_at", Times.format(createdAt)).add("enqueued_at", Times.format(enqueuedAt));
        if (scheduledAt != null) {
            b.add("scheduled_at", scheduledAtText != null && !scheduledAtText.startsWith("+") ? scheduledAtText
                    : Times.format(scheduledAt));
        }
        if (startedAt != null) {
            b.add("started_at", Times.format(startedAt));
        }
        if (completedAt != null) {
            b.add("completed_at", Times.format(completedAt));
        }
        if (cancelledAt != null) {
            b.add("cancelled_at", Times.format(cancelledAt));
        }
        if (discardedAt != null) {
            b.add("discarded_at", Times.format(discardedAt));
        }
        if (expiresAt != null) {
            b.add("expires_at", expiresAtText != null && !expiresAtText.startsWith("+") ? expiresAtText
                    : Times.format(expiresAt));
        }
        if (result != null) {
            b.add("result", result);
        }
        if (error != null) {
            b.add("error", error);
        }
        if (!errors.isEmpty()) {
            JsonArrayBuilder eb = Json.arr();
            errors.forEach(eb::add);
            b.add("errors", eb);
        }
        if (tags != null) {
            b.add("tags", tags);
        }
        if (retryJson != null) {
            b.add("retry", retryJson);
        }
        if (uniqueJson != null) {
            b.add("unique", uniqueJson);
        }
        if (schema != null) {
            b.add("schema", schema);
        }
        if (retryDelayMs != null) {
            b.add("retry_delay_ms", retryDelayMs);
        }
        if (parentResults != null) {
            b.add("parent_results", parentResults);
        }
        for (Map.Entry<String, JsonValue> e : extra.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }
}
