package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code POST /ojs/v1/workers/fetch} body.
 *
 * @param queues              queues to fetch from, in priority order (required, non-empty)
 * @param count               maximum jobs to return (free worker slots)
 * @param workerId            worker id; registers the worker implicitly
 * @param visibilityTimeoutMs reservation length for the fetched jobs
 */
public record FetchRequest(
        List<String> queues,
        Integer count,
        @JsonbProperty("worker_id") String workerId,
        @JsonbProperty("visibility_timeout_ms") Long visibilityTimeoutMs) {

    public FetchRequest {
        queues = Wire.copyOrNull(queues);
    }
}
