package org.openjobspec.ee.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.regex.Pattern;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobMiddleware;

/**
 * Picks the W3C trace context out of the job's {@code meta} and exposes it as the request-scoped
 * {@link org.openjobspec.ee.TraceContext} for the rest of the job. Outermost of the built-in middleware.
 */
@JobMiddleware
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class TraceContextMiddleware {

    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    @Inject
    JobContext job;

    @Inject
    CurrentTrace trace;

    @AroundInvoke
    Object propagate(InvocationContext invocation) throws Exception {
        JsonObject meta = job.meta();
        String traceparent = string(meta, "traceparent");
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.substring(3, 35).equals("0".repeat(32))) {
            trace.set(traceparent, string(meta, "tracestate"), string(meta, "baggage"));
        }
        return invocation.proceed();
    }

    private static String string(JsonObject meta, String key) {
        JsonValue v = meta.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
