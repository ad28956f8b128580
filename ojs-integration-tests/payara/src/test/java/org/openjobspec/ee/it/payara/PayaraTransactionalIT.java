package org.openjobspec.ee.it.payara;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.openjobspec.ee.it.jta.OrdersWar;
import org.openjobspec.ee.it.jta.TransactionalChecks;

/**
 * Transactional enqueue on Payara Micro 6, run as a process of its own (as in production, not through Arquillian):
 * the PostgreSQL driver added with {@code --addlibs}, the JDBC pool and the resource {@code jdbc/orders} created by
 * a post-boot command file, both WARs deployed with {@code --deploy}. Everything on loopback, as in the Arquillian
 * tests of this module (same preboot commands, data grid on 127.0.0.1 only).
 */
class PayaraTransactionalIT extends TransactionalChecks {

    /** WARs, command file, log and Payara Micro's root directories: under the build's output, kept for reading. */
    private final Path work = Path.of(System.getProperty("payara.jta.dir", "missing"));
    private final List<String> command = new ArrayList<>();
    private Path log;
    private Process payara;
    private int starts;
    private int httpPort;

    @Override
    protected void createServer(int dbPort, URI ojsUrl) throws Exception {
        if (Files.exists(work)) {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        Files.createDirectories(work);
        Path afterCommit = work.resolve("jta-after-commit.war");
        Path outbox = work.resolve("jta-outbox.war");
        OrdersWar.afterCommit(afterCommit.getFileName().toString()).as(ZipExporter.class).exportTo(afterCommit.toFile());
        OrdersWar.outbox(outbox.getFileName().toString()).as(ZipExporter.class).exportTo(outbox.toFile());
        Path postBoot = work.resolve("post-boot-commands.txt");
        Files.writeString(postBoot, "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                + " --restype javax.sql.DataSource --property serverName=127.0.0.1:portNumber=" + dbPort
                + ":databaseName=postgres:user=postgres:password=postgres orders-pool\n"
                + "create-jdbc-resource --connectionpoolid orders-pool jdbc/orders\n");
        httpPort = freePort();
        int clusterPort = freePort();
        log = work.resolve("payara.log");
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhazelcast.socket.bind.any=false", "-Djava.net.preferIPv4Stack=true", "-Dojs.url=" + ojsUrl,
                "-jar", System.getProperty("payara.micro.jar"),
                "--port", Integer.toString(httpPort), "--startport", Integer.toString(clusterPort),
                "--clustermode", "tcpip:127.0.0.1:" + clusterPort, "--interfaces", "127.0.0.1",
                "--prebootcommandfile", System.getProperty("payara.preboot.commands"),
                "--postbootcommandfile", postBoot.toString(),
                "--addlibs", System.getProperty("ojs.postgres.jar"),
                "--deploy", afterCommit.toString(), "--deploy", outbox.toString(),
                "--disablephonehome"));
    }

    @Override
    protected void startServer() throws Exception {
        // a new root directory per start, as a new container of the same image would have: the restart after
        // kill -9 finds nothing of the killed instance but the database
        List<String> start = new ArrayList<>(command);
        start.addAll(List.of("--rootdir", work.resolve("rootdir-" + ++starts).toString()));
        payara = new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    protected void stopServer() throws Exception {
        payara.destroy(); // SIGTERM: Payara Micro shuts down and undeploys the applications
        if (!payara.waitFor(120, TimeUnit.SECONDS)) {
            payara.destroyForcibly();
            throw new AssertionError("Payara Micro did not stop within 120 s; see " + log);
        }
    }

    @Override
    protected void killServer() throws Exception {
        payara.destroyForcibly(); // SIGKILL on Linux: kill -9
        payara.onExit().get(60, TimeUnit.SECONDS);
    }

    @Override
    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + path);
    }
}
