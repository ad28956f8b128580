package org.openjobspec.ee.model;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code POST /ojs/v1/workers/ack} body.
 *
 * @param jobId    the job to complete
 * @param result   the handler's result, any JSON ({@code null} to omit)
 * @param workerId the worker sending it (ignored by reference servers, useful in logs)
 */
public record AckRequest(
        @JsonbProperty("job_id") String jobId,
        JsonValue result,
        @JsonbProperty("worker_id") String workerId) {
}
