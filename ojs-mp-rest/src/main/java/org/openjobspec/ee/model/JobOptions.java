package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code options} of an enqueue request (also of workflow steps and cron templates), in the shape
 * servers parse: durations in milliseconds, times as RFC 3339 strings (or {@code +PT5S} relative),
 * retry intervals as ISO 8601 durations, unique as {@code keys}/{@code period}.
 *
 * @param queue               queue name (default {@code default})
 * @param priority            -100..100, higher first
 * @param timeoutMs           execution timeout
 * @param scheduledAt         run-at time, RFC 3339 or {@code +PT...}
 * @param expiresAt           discard if not started by then
 * @param retry               retry policy
 * @param unique              unique policy
 * @param tags                tags
 * @param visibilityTimeoutMs reservation length once fetched
 * @param rateLimit           rate limit (rate-limiting extension)
 */
public record JobOptions(
        String queue,
        Integer priority,
        @JsonbProperty("timeout_ms") Long timeoutMs,
        @JsonbProperty("scheduled_at") String scheduledAt,
        @JsonbProperty("expires_at") String expiresAt,
        Retry retry,
        Unique unique,
        List<String> tags,
        @JsonbProperty("visibility_timeout_ms") Long visibilityTimeoutMs,
        @JsonbProperty("rate_limit") RateLimit rateLimit) {

    public JobOptions {
        tags = Wire.copyOrNull(tags);
    }
}
