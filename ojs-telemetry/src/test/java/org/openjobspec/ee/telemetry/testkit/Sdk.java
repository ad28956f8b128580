package org.openjobspec.ee.telemetry.testkit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The OpenTelemetry SDK with an in-memory span exporter and metric reader, as the runtime's MicroProfile Telemetry
 * would provide it: {@link Producer} makes it a CDI bean of the application.
 */
public final class Sdk implements AutoCloseable {

    private static volatile Sdk current;

    public final InMemorySpanExporter spans = InMemorySpanExporter.create();
    public final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    public final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    /** A fresh SDK, served by {@link Producer} until closed. */
    public static Sdk start() {
        Sdk sdk = new Sdk();
        current = sdk;
        return sdk;
    }

    public List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    public Optional<SpanData> span(String name) {
        return finished().stream().filter(s -> s.getName().equals(name)).findFirst();
    }

    public Collection<MetricData> collect() {
        return metrics.collectAllMetrics();
    }

    @Override
    public void close() {
        current = null;
        otel.close();
    }

    /** The SDK as the application's {@code OpenTelemetry} bean. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @ApplicationScoped
        OpenTelemetry otel() {
            return current.otel;
        }
    }
}
