package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A job as servers return it (enqueue, get, cancel, fetch, dead letter).
 *
 * <p>Every component may be {@code null} when the server omits it. {@code args} is always a JSON array
 * on the wire; {@code parent_results} is an array on reference servers and an object keyed by step
 * index in the prose spec, so it is kept as a raw {@link JsonValue}.
 *
 * @param id                job id (UUIDv7)
 * @param type              job type, e.g. {@code email.send}
 * @param state             lifecycle state: scheduled, available, pending, active, completed, retryable, cancelled, discarded
 * @param queue             queue name
 * @param args              positional arguments
 * @param meta              free metadata (trace context, tenant, ...)
 * @param priority          higher is fetched first
 * @param attempt           attempts so far; may be 0 on first delivery on some servers
 * @param maxAttempts       total attempts allowed
 * @param timeoutMs         execution timeout in milliseconds (server shape)
 * @param timeout           execution timeout in seconds (prose-spec shape; servers send {@code timeout_ms})
 * @param visibilityTimeoutMs reservation length, when the server reports it
 * @param workerId          worker holding the job while active
 * @param createdAt         creation time
 * @param enqueuedAt        time it became available
 * @param startedAt         time of the current/last fetch
 * @param completedAt       completion (or discard) time
 * @param cancelledAt       cancellation time
 * @param discardedAt       discard time, when the server reports it
 * @param scheduledAt       run-at time for scheduled jobs (next retry time for retryable jobs on some servers)
 * @param expiresAt         the job is discarded if not started by then
 * @param result            ACK result (any JSON)
 * @param error             last error
 * @param errors            error history
 * @param tags              tags
 * @param retry             retry policy as stored
 * @param unique            unique policy as stored
 * @param retryDelayMs      delay of the pending retry
 * @param parentResults     results of earlier chain steps (array or object)
 * @param schema            schema URI
 */
public record Job(
        String id,
        String type,
        String state,
        String queue,
        JsonArray args,
        JsonObject meta,
        Integer priority,
        Integer attempt,
        @JsonbProperty("max_attempts") Integer maxAttempts,
        @JsonbProperty("timeout_ms") Long timeoutMs,
        Long timeout,
        @JsonbProperty("visibility_timeout_ms") Long visibilityTimeoutMs,
        @JsonbProperty("worker_id") String workerId,
        @JsonbProperty("created_at") @JsonbTypeAdapter(Rfc3339.class) Instant createdAt,
        @JsonbProperty("enqueued_at") @JsonbTypeAdapter(Rfc3339.class) Instant enqueuedAt,
        @JsonbProperty("started_at") @JsonbTypeAdapter(Rfc3339.class) Instant startedAt,
        @JsonbProperty("completed_at") @JsonbTypeAdapter(Rfc3339.class) Instant completedAt,
        @JsonbProperty("cancelled_at") @JsonbTypeAdapter(Rfc3339.class) Instant cancelledAt,
        @JsonbProperty("discarded_at") @JsonbTypeAdapter(Rfc3339.class) Instant discardedAt,
        @JsonbProperty("scheduled_at") @JsonbTypeAdapter(Rfc3339.class) Instant scheduledAt,
        @JsonbProperty("expires_at") @JsonbTypeAdapter(Rfc3339.class) Instant expiresAt,
        JsonValue result,
        JobError error,
        List<JobError> errors,
        List<String> tags,
        Retry retry,
        Unique unique,
        @JsonbProperty("retry_delay_ms") Long retryDelayMs,
        @JsonbProperty("parent_results") JsonValue parentResults,
        String schema,
        JsonValue progress,
        @JsonbProperty("progress_message") String progressMessage) {

    public Job {
        errors = Wire.copyOrNull(errors);
        tags = Wire.copyOrNull(tags);
    }

    /** The args, never {@code null} (an absent array reads as empty). */
    /**
     * The job's last reported progress, 0..1 (OJS progress extension), when the server shows it on the job as a
     * number; empty when it shows none (or in a shape of its own, kept in {@link #progress()}).
     */
    public Optional<Double> progressFraction() {
        return progress instanceof JsonNumber n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public JsonArray argsOrEmpty() {
        return args == null ? JsonValue.EMPTY_JSON_ARRAY : args;
    }

    /** The meta object, never {@code null}. */
    public JsonObject metaOrEmpty() {
        return meta == null ? JsonValue.EMPTY_JSON_OBJECT : meta;
    }

    /** Error history, never {@code null}. */
    public List<JobError> errorsOrEmpty() {
        return errors == null ? List.of() : errors;
    }

    /** Execution timeout in milliseconds from either {@code timeout_ms} or the spec's {@code timeout} (seconds). */
    public Optional<Long> effectiveTimeoutMs() {
        if (timeoutMs != null) {
            return Optional.of(timeoutMs);
        }
        return timeout == null ? Optional.empty() : Optional.of(timeout * 1000L);
    }

    /**
     * Results of earlier chain steps in step order. Reference servers send an array; the prose spec
     * sends an object keyed {@code "0"}, {@code "1"}, ... which is ordered by key here.
     */
    public List<JsonValue> parentResultsList() {
        if (parentResults instanceof JsonArray array) {
            return List.copyOf(array);
        }
        if (parentResults instanceof JsonObject object) {
            return object.entrySet().stream()
                    .sorted((a, b) -> compareIndexKeys(a.getKey(), b.getKey()))
                    .map(java.util.Map.Entry::getValue)
                    .toList();
        }
        return List.of();
    }

    private static int compareIndexKeys(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** The job id an ack or nack answer names: {@code id} (current servers), else {@code job_id}, else its job. */
    static String idOf(String id, String jobId, Job job) {
        if (id != null) {
            return id;
        }
        if (jobId != null) {
            return jobId;
        }
        return job == null ? null : job.id();
    }
}
