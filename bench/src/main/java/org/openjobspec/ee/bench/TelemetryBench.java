package org.openjobspec.ee.bench;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code worker.throughput_telemetry}: the throughput figure's worker (Weld SE, real extension, no-op handler,
 * concurrency 16, 20,000 queued jobs) with ojs-telemetry reporting traces and metrics through the OpenTelemetry SDK
 * (every span sampled, a batch span processor feeding an exporter that drops them, metrics aggregated for an
 * in-memory reader), against the same worker with ojs-telemetry present but no {@code OpenTelemetry} bean (a runtime
 * without MicroProfile Telemetry: nothing reported). Both workers live in this JVM, on queues of their own, and take
 * turns round by round (alternating who goes first); the idle one only polls.
 */
final class TelemetryBench {

    static final String ON_QUEUE = "bench-telemetry";
    static final String OFF_QUEUE = "bench-plain";

    private TelemetryBench() {
    }

    static void run() throws Exception {
        try (ChildProcess server = ChildProcess.ojsServer()) {
            RawOjs ojs = new RawOjs(server.url());
            try (WeldWorker off = WeldWorker.boot(config(server, OFF_QUEUE), BenchHandlers.class);
                 WeldWorker on = WeldWorker.boot(config(server, ON_QUEUE), BenchHandlers.class, Sdk.class)) {
                int warmups = Integer.getInteger("bench.throughput.warmups", 3);
                int total = warmups + Figures.rounds();
                double[] onRates = new double[Figures.rounds()];
                double[] offRates = new double[Figures.rounds()];
                for (int r = 0; r < total; r++) {
                    double withTelemetry;
                    double without;
                    if (r % 2 == 0) {
                        withTelemetry = ThroughputBench.workerRound(ojs, ON_QUEUE);
                        without = ThroughputBench.workerRound(ojs, OFF_QUEUE);
                    } else {
                        without = ThroughputBench.workerRound(ojs, OFF_QUEUE);
                        withTelemetry = ThroughputBench.workerRound(ojs, ON_QUEUE);
                    }
                    boolean warm = r < warmups;
                    Figures.progress("telemetry %s %d: with telemetry %.0f jobs/s, without %.0f jobs/s, %d spans "
                            + "exported so far", warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1,
                            withTelemetry, without, Sdk.EXPORTED.get());
                    if (r == 0 && Sdk.EXPORTED.get() == 0) {
                        throw new IllegalStateException("telemetry reported no span: the figure would measure nothing");
                    }
                    if (!warm) {
                        onRates[r - warmups] = withTelemetry;
                        offRates[r - warmups] = without;
                    }
                }
                Figures.print("worker.throughput_telemetry", onRates, "jobs/s", offRates);
            }
        }
    }

    private static Map<String, String> config(ChildProcess server, String queue) {
        return Map.of("ojs.url", server.url().toString(),
                "ojs.worker.queues", queue,
                "ojs.worker.concurrency", String.valueOf(ThroughputBench.CONCURRENCY),
                "ojs.worker.poll-interval", "PT0.05S");
    }

    /** The OpenTelemetry SDK as MicroProfile Telemetry would provide it, made a bean of the measured worker only. */
    @ApplicationScoped
    public static class Sdk {

        static final AtomicLong EXPORTED = new AtomicLong();

        private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                        .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create())
                        .build())
                .build();

        @Produces
        @ApplicationScoped
        OpenTelemetry otel() {
            return SDK;
        }
    }

    /** Counts the spans it is given and drops them: the cost of a network exporter is not OJS's. */
    private static final class Dropping implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            Sdk.EXPORTED.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
