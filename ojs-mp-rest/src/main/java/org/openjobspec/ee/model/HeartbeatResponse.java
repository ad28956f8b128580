package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /ojs/v1/workers/heartbeat} answer. Reference servers send {@code state:"active"} plus
 * {@code directive}; the spec and conformance suite send the directive in {@code state}. Use
 * {@link #effectiveDirective()}.
 *
 * @param state        spec: the directive; reference servers: "active"
 * @param directive    reference servers: continue, quiet, terminate (or empty)
 * @param jobsExtended ids whose lease was extended; an id sent but missing here is no longer the worker's
 *                     (cancelled, completed or reclaimed). {@code null} when the server did not say.
 * @param serverTime   server clock
 */
public record HeartbeatResponse(
        String state,
        String directive,
        @JsonbProperty("jobs_extended") List<String> jobsExtended,
        @JsonbProperty("server_time") @JsonbTypeAdapter(Rfc3339.class) Instant serverTime) {

    public HeartbeatResponse {
        jobsExtended = Wire.copyOrNull(jobsExtended);
    }

    /** The directive from {@code directive} when present and non-empty, else from {@code state}. */
    public WorkerDirective effectiveDirective() {
        if (directive != null && !directive.isBlank()) {
            return WorkerDirective.fromWire(directive);
        }
        return WorkerDirective.fromWire(state);
    }

    /** {@code jobs_extended} when the server sent it; empty when it did not (then nothing can be inferred). */
    public Optional<List<String>> extendedJobs() {
        return Optional.ofNullable(jobsExtended);
    }
}
