package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.Wars;
import org.openjobspec.ee.it.liberty.telemetry.TelemetryProbe;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * ojs-telemetry on the real Open Liberty with {@code mpTelemetry-2.0}: a job enqueued through {@code @Inject
 * OjsClient} and run by its handler leaves its enqueue span, its process span (linked to the enqueue, with the job's
 * attributes) and the handler's own span in the process span's trace, read from what Liberty's console exporter
 * logs.
 * A server of its own: the feature, the OpenTelemetry SDK switched on and the application's third-party API
 * visibility are what a user adds.
 */
class LibertyTelemetryIT {

    private static final Path WLP = Path.of(System.getProperty("liberty.wlp.dir", "missing"));
    private static final String NAME = "telemetry-it";

    private static final String SERVER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <server description="OJS telemetry integration test">
                <featureManager>
                    <feature>cdi-4.0</feature>
                    <feature>restfulWS-3.1</feature>
                    <feature>restfulWSClient-3.1</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>jsonp-2.1</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>mpRestClient-3.0</feature>
                    <feature>concurrent-3.0</feature>
                    <feature>mpTelemetry-2.0</feature>
                </featureManager>
                <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                <variable name="ojs.url" value="${ojs.server.url}"/>
                <webApplication location="ojs-telemetry.war" contextRoot="ojs-telemetry">
                    <!-- the OpenTelemetry API is a third-party API on Liberty: the application must ask to see it -->
                    <classloader apiTypeVisibility="+third-party"/>
                </webApplication>
            </server>
            """;

    @Test
    void aJobsSpansAreExported() throws Exception {
        Path dir = WLP.resolve("usr/servers").resolve(NAME);
        deleteTree(dir);
        Files.createDirectories(dir.resolve("apps"));
        Files.writeString(dir.resolve("server.xml"), SERVER_XML);
        WebArchive war = Wars.withOjs("ojs-telemetry.war", TelemetryProbe.class.getPackage())
                .addAsLibrary(new File(System.getProperty("ojs.telemetry.jar", "missing")));
        war.as(ZipExporter.class).exportTo(dir.resolve("apps/ojs-telemetry.war").toFile());
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("jvm.options"), System.getProperty("liberty.jvm.args", "") + "\n");

        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start()) {
            Files.writeString(dir.resolve("bootstrap.properties"), String.join("\n",
                    "http.port=" + port,
                    "ojs.server.url=" + ojs.url(),
                    "otel.sdk.disabled=false",
                    "otel.service.name=ojs-telemetry-it",
                    "otel.traces.exporter=console",
                    "otel.metrics.exporter=none",
                    "otel.logs.exporter=none",
                    "otel.bsp.schedule.delay=100", ""));
            server("start");
            try {
                URI enqueue = URI.create("http://127.0.0.1:" + port + "/ojs-telemetry/api/jobs/march");
                HttpResponse<String> answer = await().atMost(Duration.ofSeconds(90)).until(
                        () -> Http.post(enqueue, ""), r -> r.statusCode() == 200);
                String id = answer.body();
                URI jobUri = ojs.url().resolve("/ojs/v1/jobs/" + id);
                JsonObject job = await().atMost(Duration.ofSeconds(60)).until(
                        () -> Http.getJson(jobUri).getJsonObject("job"), j -> j.getString("state").equals("completed"));
                assertThat(job.getJsonObject("meta").getString("traceparent"))
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
                // the console exporter logs each span through java.util.logging at INFO: messages.log has them
                Path messages = dir.resolve("logs/messages.log");
                String exported = await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(messages),
                        text -> text.contains("'default process'") && text.contains("'probe inside march'"));
                String enqueueLine = line(exported, "'default enqueue'");
                String processLine = line(exported, "'default process'");
                String insideLine = line(exported, "'probe inside march'");
                assertThat(enqueueLine).contains("PRODUCER").contains("messaging.system=ojs")
                        .contains("ojs.job.id=" + id);
                assertThat(processLine).contains("CONSUMER").contains("messaging.system=ojs")
                        .contains("ojs.job.id=" + id).contains("ojs.job.type=telemetry.probe")
                        .contains("messaging.destination.name=default").contains("ojs.worker.id=");
                // the handler's span is in the process span's trace (the console line shows the trace id)
                assertThat(traceId(insideLine)).isEqualTo(traceId(processLine));
            } finally {
                server("stop");
            }
        }
    }

    private static String line(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + marker + " in:\n" + text));
    }

    /** The console exporter writes {@code 'name' : <traceId> <spanId> KIND ...}. */
    private static String traceId(String line) {
        String rest = line.substring(line.indexOf("' : ") + 4).trim();
        return rest.substring(0, rest.indexOf(' '));
    }

    private static void server(String action) throws Exception {
        Path dir = WLP.resolve("usr/servers").resolve(NAME);
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME)
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(NAME + "-" + action + ".log").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " " + NAME + " did not return within 180 s");
        }
        assertThat(p.exitValue()).as("server %s %s: see %s", action, NAME, dir.resolve("logs")).isZero();
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
