package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One job. Mutable, and only ever touched while holding the {@link ServerState} lock. */
final class StoredJob {
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
    final ServerRetryPolicy retry;
    final JsonObject retryJson;
    final ServerUniquePolicy unique;
    final JsonObject uniqueJson;
    final String uniqueKey;
    final JsonArray tags;
    final Long visibilityTimeoutMs;
    final JsonObject rateLimit;
    /** The rate-limiting extension's key when it sets a concurrency, else null; and that concurrency. */
    final String limitKey;
    final int limitConcurrency;
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

    /** Progress of the current attempt (0..1, never lower than before), null until one is reported. */
    Double progress;
    String progressMessage;
    JsonObject progressData;
    Long progressAt;

    StoredJob(String id, long seq, PushRequest r, String uniqueKey, long now) {
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
        this.rateLimit = r.rateLimitJson();
        boolean concurrencyLimited = rateLimit != null && rateLimit.get("concurrency") instanceof JsonNumber;
        this.limitKey = concurrencyLimited ? rateLimit.getString("key") : null;
        this.limitConcurrency = concurrencyLimited ? rateLimit.getInt("concurrency") : 0;
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
}
