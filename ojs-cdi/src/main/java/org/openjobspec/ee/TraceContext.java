package org.openjobspec.ee;

import java.util.Optional;

/**
 * The W3C trace context the job was enqueued with ({@code meta.traceparent}, {@code meta.tracestate},
 * {@code meta.baggage}), made injectable for the duration of a job (before any middleware runs), so tracing
 * code and outgoing calls can continue the producer's trace.
 */
public interface TraceContext {

    /** The {@code traceparent} header value, when the job carries a valid one. */
    Optional<String> traceparent();

    /** The {@code tracestate} header value, when present. */
    Optional<String> tracestate();

    /** The {@code baggage} header value, when present. */
    Optional<String> baggage();

    /** The 32-hex-digit trace id from {@code traceparent}. */
    default Optional<String> traceId() {
        return traceparent().map(t -> t.substring(3, 35));
    }
}
