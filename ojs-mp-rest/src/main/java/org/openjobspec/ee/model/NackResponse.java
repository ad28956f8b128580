package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * {@code POST /ojs/v1/workers/nack} answer. Use {@link #resolvedJobId()} for the id.
 *
 * @param id            job id (current servers)
 * @param jobId         job id (older servers)
 * @param state         retryable, discarded, or available (requeue)
 * @param attempt       attempts so far
 * @param maxAttempts   attempts allowed
 * @param nextAttemptAt when the retry becomes available
 * @param discardedAt   discard time
 * @param completedAt   completion time (sent on discard by some servers)
 * @param retryDelayMs  computed retry delay
 * @param job           the job, when included
 */
public record NackResponse(
        String id,
        @JsonbProperty("job_id") String jobId,
        String state,
        Integer attempt,
        @JsonbProperty("max_attempts") Integer maxAttempts,
        @JsonbProperty("next_attempt_at") @JsonbTypeAdapter(Rfc3339.class) Instant nextAttemptAt,
        @JsonbProperty("discarded_at") @JsonbTypeAdapter(Rfc3339.class) Instant discardedAt,
        @JsonbProperty("completed_at") @JsonbTypeAdapter(Rfc3339.class) Instant completedAt,
        @JsonbProperty("retry_delay_ms") Long retryDelayMs,
        Job job) {

    /** The job id from {@code id}, else {@code job_id}, else the embedded job. */
    public String resolvedJobId() {
        return Job.idOf(id, jobId, job);
    }
}
