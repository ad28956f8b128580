package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.openjobspec.ee.it.jta.OrdersWar;
import org.openjobspec.ee.it.jta.TransactionalChecks;

/**
 * Transactional enqueue on Open Liberty: a server of its own in the installed runtime, configured by
 * {@code src/test/liberty/jta/server.xml} (the datasource {@code jdbc/orders} with the PostgreSQL driver as a
 * {@code <library>}), started and stopped with {@code bin/server}, killed through the pid file it writes.
 */
class LibertyTransactionalIT extends TransactionalChecks {

    private static final Path WLP = Path.of(System.getProperty("liberty.wlp.dir", "missing"));
    private static final String SERVER = "ojs-jta";

    private final Path dir = WLP.resolve("usr/servers").resolve(SERVER);
    private int httpPort;

    @Override
    protected void createServer(int dbPort, URI ojsUrl) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir.resolve("apps"));
        Files.createDirectories(dir.resolve("jdbc"));
        Files.copy(Path.of(System.getProperty("ojs.jta.server.xml")), dir.resolve("server.xml"));
        Files.copy(Path.of(System.getProperty("ojs.postgres.jar")), dir.resolve("jdbc/postgresql.jar"));
        OrdersWar.afterCommit("jta-after-commit.war").as(ZipExporter.class)
                .exportTo(dir.resolve("apps/jta-after-commit.war").toFile());
        OrdersWar.outbox("jta-outbox.war").as(ZipExporter.class).exportTo(dir.resolve("apps/jta-outbox.war").toFile());
        httpPort = freePort();
        Files.writeString(dir.resolve("bootstrap.properties"),
                "http.port=" + httpPort + "\nojs.url=" + ojsUrl + "\ndb.port=" + dbPort + "\n");
    }

    @Override
    protected void startServer() throws Exception {
        liberty("start");
    }

    @Override
    protected void stopServer() throws Exception {
        liberty("stop");
    }

    @Override
    protected void killServer() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + SERVER + ".pid")).trim());
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Liberty is not running"));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        jvm.onExit().get(60, TimeUnit.SECONDS);
    }

    @Override
    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + path);
    }

    private void liberty(String action) throws Exception {
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SERVER)
                .redirectErrorStream(true).redirectOutput(dir.resolveSibling(SERVER + "-" + action + ".log").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " " + SERVER + " did not return within 180 s");
        }
        assertThat(p.exitValue()).as("server %s %s: see %s", action, SERVER, dir.resolve("logs")).isZero();
    }
}
