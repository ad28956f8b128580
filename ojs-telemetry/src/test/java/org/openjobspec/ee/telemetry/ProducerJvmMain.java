package org.openjobspec.ee.telemetry;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.telemetry.testkit.App;
import org.openjobspec.ee.telemetry.testkit.Sdk;

/**
 * An application in a JVM of its own, with ojs-telemetry and an SDK of its own, that only enqueues: {@code
 * ProducerJvmMain <ojs url>} enqueues one {@code report.build} job on queue {@code reports} and prints {@code JOB <id>}
 * and {@code SPAN <trace id> <span id>} of its enqueue span.
 */
public final class ProducerJvmMain {

    public static void main(String[] args) {
        try (Sdk sdk = Sdk.start(); App app = App.boot(App.config(args[0]), Sdk.Producer.class)) {
            String id = app.get(OjsClient.class).enqueue("report.build", "from elsewhere",
                    EnqueueOptions.defaults().queue("reports")).id();
            SpanData enqueue = sdk.span("reports enqueue").orElseThrow();
            System.out.println("JOB " + id);
            System.out.println("SPAN " + enqueue.getTraceId() + " " + enqueue.getSpanId());
        }
        System.exit(0);
    }
}
