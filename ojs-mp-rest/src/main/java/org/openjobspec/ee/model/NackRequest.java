package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code POST /ojs/v1/workers/nack} body (the OJS "fail" operation).
 *
 * @param jobId    the failed job
 * @param error    what went wrong; send code, type, message, retryable and details
 * @param requeue  {@code true} releases the job untouched (shutdown); {@code null} to omit
 * @param workerId the worker sending it
 */
public record NackRequest(
        @JsonbProperty("job_id") String jobId,
        JobError error,
        Boolean requeue,
        @JsonbProperty("worker_id") String workerId) {
}
