package org.openjobspec.ee.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.telemetry.internal.cdi.OjsTelemetry;
import org.openjobspec.ee.telemetry.testkit.App;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.LogCapture;

import static org.awaitility.Awaitility.await;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0003;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0004;

/**
 * An application that carries ojs-telemetry deploys and runs its jobs where the runtime has no MicroProfile
 * Telemetry: without the OpenTelemetry API on the class path (a JVM of its own), and with the API but no
 * {@code OpenTelemetry} bean.
 */
class WithoutOpenTelemetryTest {

    EmbeddedOjsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutTheApiTheApplicationDeploysAndRunsItsJobs() throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry"))
                .collect(Collectors.joining(File.pathSeparator));
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", classPath,
                WithoutOpenTelemetryMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // the child ends by itself; the bound only keeps a broken one from hanging the build
        assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        List<String> out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(jvm.exitValue()).as("exit code; output " + out).isZero();
        assertThat(out).containsSubsequence("API false", "STATE completed", "RESULT \"done x\"", "TRACEPARENT false")
                .contains("LOGGED " + TEL_0003);
    }

    @Test
    void withTheApiButNoOpenTelemetryBeanNothingIsReported() {
        server = EmbeddedOjsServer.start();
        try (LogCapture log = LogCapture.of(OjsTelemetry.class.getName(), java.util.logging.Level.INFO);
             App app = App.boot(App.config(server.url().toString()), PlainHandlers.class)) {
            OjsClient ojs = app.get(OjsClient.class);
            String id = ojs.enqueue("plain.job", "y").id();
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> ojs.getJob(id).state().equals("completed"));
            assertThat(ojs.getJob(id).metaOrEmpty()).doesNotContainKey("traceparent");
            assertThat(log.messages()).singleElement().asString().startsWith(TEL_0004 + ": telemetry off: no "
                    + "OpenTelemetry bean");
        }
    }
}
