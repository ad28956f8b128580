package org.openjobspec.ee.telemetry;

import java.time.Duration;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.telemetry.internal.cdi.OjsTelemetry;
import org.openjobspec.ee.telemetry.testkit.App;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.LogCapture;

/**
 * An application with ojs-telemetry in a JVM whose class path has no OpenTelemetry API (started by
 * {@link WithoutOpenTelemetryTest}): deploys, enqueues a job, waits for it and prints what happened, one
 * {@code KEY value} line each.
 */
public final class WithoutOpenTelemetryMain {

    public static void main(String[] args) {
        LogCapture log = LogCapture.of(OjsTelemetry.class.getName(), Level.INFO);
        System.out.println("API " + visible("io.opentelemetry.api.OpenTelemetry"));
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             App app = App.boot(App.config(server.url().toString()), PlainHandlers.class)) {
            OjsClient ojs = app.get(OjsClient.class);
            String id = ojs.enqueue("plain.job", "x").id();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ojs.getJob(id).state().equals("completed"));
            Job job = ojs.getJob(id);
            System.out.println("STATE " + job.state());
            System.out.println("RESULT " + job.result());
            System.out.println("TRACEPARENT " + job.metaOrEmpty().containsKey("traceparent"));
        }
        log.messages().forEach(m -> System.out.println("LOGGED " + m.substring(0, m.indexOf(':'))));
        System.out.flush();
    }

    private static boolean visible(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
