package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * {@code POST /ojs/v1/workers/ack} answer. Servers name the id {@code id} (current) or {@code job_id}
 * (older); use {@link #resolvedJobId()}.
 *
 * @param acknowledged {@code true} on success
 * @param id           job id (current servers)
 * @param jobId        job id (older servers)
 * @param state        resulting state, normally {@code completed}
 * @param completedAt  completion time
 * @param job          the job, when the server includes it
 */
public record AckResponse(
        Boolean acknowledged,
        String id,
        @JsonbProperty("job_id") String jobId,
        String state,
        @JsonbProperty("completed_at") @JsonbTypeAdapter(Rfc3339.class) Instant completedAt,
        Job job) {

    /** The job id from {@code id}, else {@code job_id}, else the embedded job. */
    public String resolvedJobId() {
        return Job.idOf(id, jobId, job);
    }
}
