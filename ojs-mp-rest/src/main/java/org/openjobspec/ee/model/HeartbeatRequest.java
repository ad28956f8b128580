package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code POST /ojs/v1/workers/heartbeat} body in the interop shape: {@code active_jobs} is always an
 * array of ids (an integer count makes reference servers answer 400), {@code state} is the worker's own
 * state (running, quiet, terminate), ignored by servers but required by the worker-protocol spec. The
 * worker's identity ({@code labels}, {@code hostname}, {@code pid}, {@code queues}, {@code concurrency};
 * worker protocol §3.1, §4.2) is optional: servers that do not know these keys ignore them, and a
 * {@code null} leaves the key out.
 *
 * @param workerId            worker id (required)
 * @param activeJobs          ids of the jobs this worker is running; their leases are extended
 * @param visibilityTimeoutMs new lease length for those jobs
 * @param state               running, quiet or terminate
 * @param labels              free-form labels of the worker, for example {@code region=eu}
 * @param hostname            the host the worker runs on
 * @param pid                 the worker's operating-system process id
 * @param queues              the queues the worker fetches from, in priority order
 * @param concurrency         how many jobs the worker runs at once at most
 */
public record HeartbeatRequest(
        @JsonbProperty("worker_id") String workerId,
        @JsonbProperty("active_jobs") List<String> activeJobs,
        @JsonbProperty("visibility_timeout_ms") Long visibilityTimeoutMs,
        String state,
        List<String> labels,
        String hostname,
        Long pid,
        List<String> queues,
        Integer concurrency) {

    public HeartbeatRequest {
        activeJobs = Wire.copyOrEmpty(activeJobs);
        labels = Wire.copyOrNull(labels);
        queues = Wire.copyOrNull(queues);
    }

    /** A heartbeat without the worker's identity. */
    public HeartbeatRequest(String workerId, List<String> activeJobs, Long visibilityTimeoutMs, String state) {
        this(workerId, activeJobs, visibilityTimeoutMs, state, null, null, null, null, null);
    }
}
