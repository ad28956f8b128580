package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.datasource.DataSourceProbe;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.TlsProxy;

/**
 * Each server.xml of server.xml-samples, unchanged, on the real Open Liberty with the example WAR: so none of them
 * rots. Only bootstrap.properties (ports, the OJS URL), the environment and files the samples name are added.
 */
class LibertySamplesIT {

    private static final Path SAMPLES = Path.of(System.getProperty("ojs.samples.dir", "missing"));
    private static final Path WLP = Path.of(System.getProperty("liberty.wlp.dir", "missing"));

    @Test
    void minimal() throws Exception {
        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start()) {
            try (Liberty liberty = Liberty.create("minimal", Map.of("ojs.url", ojs.url().toString()), Map.of())) {
                assertDemoCompletes(liberty);
            }
        }
    }

    /**
     * ojs-health must not break an application whose runtime lacks MicroProfile Health: the minimal sample has no
     * mpHealth feature; the example WAR with ojs-health added deploys, runs its demo, and ojs-health says why it
     * registered nothing.
     */
    @Test
    void minimalWithoutMpHealthRunsTheExampleWithOjsHealthInside() throws Exception {
        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start()) {
            try (Liberty liberty = Liberty.create("minimal", Map.of("ojs.url", ojs.url().toString()), Map.of())) {
                WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                        new File(System.getProperty("ojs.example.war")))
                        .addAsLibrary(new File(System.getProperty("ojs.health.jar")), "ojs-health.jar");
                war.as(ZipExporter.class).exportTo(liberty.dir.resolve("apps/ojs-example.war").toFile(), true);
                assertDemoCompletes(liberty);
                assertThat(Files.readString(liberty.dir.resolve("logs/messages.log")))
                        .contains("OJS-HLT-0003").doesNotContain("OJS-HLT-0001");
            }
        }
    }

    @Test
    void tlsAndTokenFromTheEnvironment(@TempDir Path keys) throws Exception {
        char[] password = "changeit-test".toCharArray();
        Path serverKeys = keys.resolve("server.p12");
        Path cert = keys.resolve("server.cer");
        Path trust = keys.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "ojs", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", serverKeys.toString(), "-storepass", new String(password));
        keytool("-exportcert", "-alias", "ojs", "-keystore", serverKeys.toString(), "-storepass",
                new String(password), "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ojs", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", "trust-pass");

        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.builder().authToken("s3cret-token").start();
             TlsProxy https = new TlsProxy(serverKeys, password, ojs.url())) {
            // without the token the server refuses: the job can only complete if the token from the env is sent
            HttpResponse<String> anonymous = Http.get(ojs.url().resolve("/ojs/v1/queues"));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            try (Liberty liberty = Liberty.create("tls-token", Map.of("ojs.url", https.url().toString()),
                    Map.of("OJS_AUTH_TOKEN", "s3cret-token", "OJS_TRUST_STORE_PASSWORD", "trust-pass"))) {
                Path security = liberty.dir.resolve("resources/security");
                Files.createDirectories(security);
                Files.copy(trust, security.resolve("ojs-trust.p12"));
                liberty.start();
                assertDemoCompletes(liberty);
            }
        }
    }

    @Test
    void datasourceAndTransactions() throws Exception {
        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start()) {
            try (Liberty liberty = Liberty.create("datasource", Map.of("ojs.url", ojs.url().toString()), Map.of())) {
                Path jdbc = liberty.dir.resolve("jdbc");
                Files.createDirectories(jdbc);
                Files.copy(Path.of(System.getProperty("ojs.h2.jar")), jdbc.resolve("h2.jar"));
                WebArchive probe = ShrinkWrap.create(WebArchive.class, "ds-probe.war")
                        .addClasses(DataSourceProbe.class, DataSourceProbe.ProbeApp.class);
                Files.createDirectories(liberty.dir.resolve("dropins"));
                probe.as(ZipExporter.class).exportTo(liberty.dir.resolve("dropins/ds-probe.war").toFile());
                liberty.start();

                HttpResponse<String> answer = await().atMost(Duration.ofSeconds(60))
                        .until(() -> Http.get(liberty.url("ds-probe/api/datasource")), r -> r.statusCode() == 200);
                assertThat(answer.body()).isEqualTo("H2 42");
                assertDemoCompletes(liberty);
            }
        }
    }

    private static void assertDemoCompletes(Liberty liberty) throws Exception {
        if (!liberty.started) {
            liberty.start();
        }
        URI start = liberty.url("ojs-example/api/demo/start");
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60)).until(() -> Http.post(start, ""),
                r -> r.statusCode() / 100 == 2);
        assertThat(started.statusCode() / 100).as(started.body()).isEqualTo(2);
        JsonObject status = await().atMost(Duration.ofSeconds(90))
                .until(() -> Http.getJson(liberty.url("ojs-example/api/demo/status")), s -> s.getBoolean("allFinished"));
        assertThat(status.getBoolean("allFinished")).as(status.toString()).isTrue();
        assertThat(status.getJsonObject("jobs").getJsonObject("welcome-email").getString("state"))
                .isEqualTo("completed");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    /** A Liberty server of the installed runtime whose server.xml is one sample, as is. */
    static final class Liberty implements AutoCloseable {
        final String name;
        final Path dir;
        final int port;
        final Map<String, String> env;
        boolean started;

        private Liberty(String sample, Map<String, String> bootstrap, Map<String, String> env) throws Exception {
            this.name = "sample-" + sample;
            this.dir = WLP.resolve("usr/servers").resolve(name);
            this.env = env;
            deleteTree(dir);
            Files.createDirectories(dir.resolve("apps"));
            Files.copy(SAMPLES.resolve(sample).resolve("server.xml"), dir.resolve("server.xml"));
            Files.copy(Path.of(System.getProperty("ojs.example.war")), dir.resolve("apps/ojs-example.war"));
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            StringBuilder props = new StringBuilder("http.host=127.0.0.1\nhttp.port=" + port + "\n");
            bootstrap.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir.resolve("bootstrap.properties"), props);
            Files.writeString(dir.resolve("jvm.options"), System.getProperty("liberty.jvm.args", "") + "\n");
        }

        static Liberty create(String sample, Map<String, String> bootstrap, Map<String, String> env)
                throws Exception {
            return new Liberty(sample, bootstrap, env);
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + "/" + path);
        }

        void start() throws Exception {
            run("start");
            started = true;
        }

        private void run(String action) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true).redirectOutput(dir.resolveSibling(name + "-" + action + ".log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("server " + action + " " + name + " did not return within 180 s");
            }
            assertThat(p.exitValue()).as("server %s %s: see %s", action, name, dir.resolve("logs")).isZero();
        }

        @Override
        public void close() throws Exception {
            if (started) {
                run("stop");
            }
        }

        private static void deleteTree(Path root) throws Exception {
            if (!Files.exists(root)) {
                return;
            }
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
