package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code POST /ojs/v1/workers/heartbeat} body in the interop shape: {@code active_jobs} is always an
 * array of ids (an integer count makes reference servers answer 400), {@code state} is the worker's own
 * state (running, quiet, terminate), ignored by servers but required by the worker-protocol spec.
 *
 * @param workerId            worker id (required)
 * @param activeJobs          ids of the jobs this worker is running; their leases are extended
 * @param visibilityTimeoutMs new lease length for those jobs
 * @param state               running, quiet or terminate
 */
public record HeartbeatRequest(
        @JsonbProperty("worker_id") String workerId,
        @JsonbProperty("active_jobs") List<String> activeJobs,
        @JsonbProperty("visibility_timeout_ms") Long visibilityTimeoutMs,
        String state) {

    public HeartbeatRequest {
        activeJobs = Wire.copyOrEmpty(activeJobs);
    }
}
