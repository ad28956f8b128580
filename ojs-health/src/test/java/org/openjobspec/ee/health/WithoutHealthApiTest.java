package org.openjobspec.ee.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.health.testkit.HealthApp;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

import static org.openjobspec.ee.health.internal.Messages.HLT_0003;

/**
 * ojs-health must not break an application whose runtime lacks MicroProfile Health: in a JVM whose class path
 * has everything but the MP Health API, Weld SE with the real extensions deploys, registers no check and runs a
 * job.
 */
class WithoutHealthApiTest {

    @Test
    void theApplicationDeploysAndRunsJobsWithNoCheckRegistered() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("microprofile-health-api"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start()) {
            Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    classPath, WithoutHealthApiMain.class.getName(), server.url().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                byte[] out = jvm.getInputStream().readAllBytes(); // until the JVM ends
                assertThat(jvm.waitFor(HealthApp.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
                assertThat(jvm.exitValue()).as("exit code; output: " + lines).isZero();
                assertThat(lines).contains("API absent", "CHECK-BEANS 0", "JOB completed \"no health here\"", "END");
                assertThat(lines).anyMatch(l -> l.startsWith("LOG " + HLT_0003 + ":"));
            } finally {
                jvm.destroyForcibly();
            }
        }
    }
}
