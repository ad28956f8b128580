package org.openjobspec.ee.it.quarkus;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Quarkus' OpenTelemetry adds the SpanProcessor beans to its tracer provider: this one keeps the spans. */
@ApplicationScoped
public class InMemorySpans {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return EXPORTER;
    }

    @Produces
    @Singleton
    SpanProcessor processor() {
        return SimpleSpanProcessor.create(EXPORTER);
    }
}
