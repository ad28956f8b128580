package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code GET /ojs/v1/health}. A server answers 503 with a non-{@code ok} status when unhealthy; the
 * client returns that answer as a {@code Health} too rather than throwing.
 *
 * @param status        ok, healthy, degraded, ...
 * @param version       server version
 * @param uptimeSeconds uptime
 * @param backend       backend health
 */
public record Health(String status, String version, @JsonbProperty("uptime_seconds") Long uptimeSeconds,
                     Backend backend) {

    /** Whether the server reports itself healthy ({@code ok} or {@code healthy}). */
    public boolean healthy() {
        return "ok".equalsIgnoreCase(status) || "healthy".equalsIgnoreCase(status);
    }

    /**
     * Backend part of the health answer.
     *
     * @param type      memory, redis, postgres, ...
     * @param status    ok, connected, ...
     * @param latencyMs probe latency
     * @param error     error text when unhealthy
     */
    public record Backend(String type, String status, @JsonbProperty("latency_ms") Long latencyMs, String error) {
    }
}
