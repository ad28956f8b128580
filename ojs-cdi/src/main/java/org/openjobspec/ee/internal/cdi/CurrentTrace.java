package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjobspec.ee.TraceContext;

/**
 * The running job's trace context, taken from its {@code meta} (W3C {@code traceparent}, {@code tracestate},
 * {@code baggage}); injectable as {@link TraceContext}.
 */
@RequestScoped
public class CurrentTrace implements TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private String traceparent;
    private String tracestate;
    private String baggage;

    /** Adopts the job's trace context; a malformed or all-zero trace id leaves it empty. */
    void adopt(JsonObject meta) {
        String parent = string(meta, "traceparent");
        if (parent != null && TRACEPARENT.matcher(parent).matches()
                && !parent.substring(3, 35).equals("0".repeat(32))) {
            traceparent = parent;
            tracestate = string(meta, "tracestate");
            baggage = string(meta, "baggage");
        }
    }

    private static String string(JsonObject meta, String key) {
        JsonValue v = meta == null ? null : meta.get(key);
        return v instanceof JsonString s ? s.getString() : null;
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
