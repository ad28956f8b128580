package org.openjobspec.ee.cdi;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.openjobspec.ee.TraceContext;

/** The running job's trace context; injectable as {@link TraceContext}. */
@RequestScoped
public class CurrentTrace implements TraceContext {

    private String traceparent;
    private String tracestate;
    private String baggage;

    void set(String traceparent, String tracestate, String baggage) {
        this.traceparent = traceparent;
        this.tracestate = tracestate;
        this.baggage = baggage;
    }

    @Override
    public Optional<String> traceparent() {
        return Optional.ofNullable(traceparent);
    }

    @Override
    public Optional<String> tracestate() {
        return Optional.ofNullable(tracestate);
    }

    @Override
    public Optional<String> baggage() {
        return Optional.ofNullable(baggage);
    }
}
