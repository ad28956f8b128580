package org.openjobspec.ee.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.NonRetryableException;

/** Handlers of the telemetry tests: one makes a span of its own, as a JDBC or REST call would. */
@ApplicationScoped
public class Handlers {

    @Inject
    OpenTelemetry otel;

    @JobHandler("report.build")
    public String build(String name) {
        Span inside = otel.getTracer("handler").spanBuilder("render " + name).startSpan();
        inside.end();
        return "built " + name;
    }

    @JobHandler("report.fail")
    public void fail(JobContext job) {
        throw new NonRetryableException("no printer for " + job.jobId());
    }

    /** Completed by the test (on its own thread); what the method and its continuation saw as the current span. */
    static volatile CompletableFuture<String> pending;
    static volatile SpanContext inMethod;
    static volatile SpanContext inContinuation;

    @JobHandler("report.later")
    public CompletionStage<String> later(String name) {
        inMethod = Span.current().getSpanContext();
        CompletableFuture<String> result = new CompletableFuture<>();
        pending = result;
        return result.thenApply(value -> {
            inContinuation = Span.current().getSpanContext();
            return value + " " + name;
        });
    }

    @JobHandler("report.async")
    public CompletionStage<String> async(String name) {
        return CompletableFuture.supplyAsync(() -> "later " + name);
    }
}
