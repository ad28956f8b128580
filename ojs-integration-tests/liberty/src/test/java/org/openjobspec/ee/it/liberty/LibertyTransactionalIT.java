package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.jta.OrdersWar;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;

/**
 * Transactional enqueue ({@code ojs-jta}) on the real Open Liberty: a {@code @Stateless} EJB and a
 * {@code @Transactional} CDI bean each write an order row on a container datasource ({@code jdbc/orders}, the
 * PostgreSQL JDBC driver as a server.xml library) and enqueue its job through {@code TransactionalOjs}, in one JTA
 * transaction. Two WARs in one server: after commit, and outbox (the outbox table on the same datasource).
 *
 * <p>The test runs the embedded PostgreSQL and the embedded OJS server on loopback and a Liberty server of its own
 * (not Arquillian's: it stops the OJS server under Liberty and kills Liberty with {@code kill -9}). "Never sent" is
 * asserted after a later committed job of the same application has arrived: the after-commit mode sends before
 * the call returns, and the outbox relay sends rows in insertion order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibertyTransactionalIT {

    private static final Path WLP = Path.of(System.getProperty("liberty.wlp.dir", "missing"));
    private static final String SERVER = "ojs-jta";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final AtomicInteger ORDERS = new AtomicInteger();

    private final Path dir = WLP.resolve("usr/servers").resolve(SERVER);
    private EmbeddedPostgres postgres;
    private DataSource db;
    private final OjsState jobs = new OjsState();
    private int ojsPort;
    private EmbeddedOjsServer ojs;
    private int httpPort;
    private boolean libertyRunning;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        db = postgres.getPostgresDatabase();
        sql("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(36) NOT NULL)");
        ojsPort = freePort();
        ojsUp();
        httpPort = freePort();
        createServer();
        startLiberty();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (libertyRunning) {
                liberty("stop");
            }
        } finally {
            ojs.stop();
            postgres.close();
        }
    }

    /** Each test starts with an empty OJS server and no row left to send. */
    @BeforeEach
    void nothingPending() {
        await().atMost(PATIENCE).until(() -> outboxRows() == 0);
        jobs.reset();
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"jta-after-commit, ejb", "jta-after-commit, cdi", "jta-outbox, ejb", "jta-outbox, cdi"})
    @Order(1)
    void commitPutsTheJobOnTheServerOnce(String app, String via) throws Exception {
        String order = newOrder();
        String jobId = place(app, via, "commit", order);

        assertThat(orderJob(order)).isEqualTo(jobId);
        await().atMost(PATIENCE).until(() -> onServer(jobId));
        JsonObject job = jobs.get(jobId).getJsonObject("job");
        assertThat(job.getString("type")).isEqualTo("order.ship");
        assertThat(job.getJsonArray("args").getString(0)).isEqualTo(order);
        await().atMost(PATIENCE).until(() -> outboxRows() == 0);
        assertThat(jobs.jobCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"jta-after-commit, ejb", "jta-after-commit, cdi", "jta-outbox, ejb", "jta-outbox, cdi"})
    @Order(2)
    void rollbackAndRollbackOnlyNeverSend(String app, String via) throws Exception {
        String declined = newOrder();
        String declinedJob = place(app, via, "rollback", declined);
        String marked = newOrder();
        String markedJob = place(app, via, "rollback-only", marked);

        String later = place(app, via, "commit", newOrder());

        await().atMost(PATIENCE).until(() -> onServer(later));
        assertThat(onServer(declinedJob)).as("job of the rolled-back order").isFalse();
        assertThat(onServer(markedJob)).as("job of the rollback-only order").isFalse();
        assertThat(jobs.jobCount()).isEqualTo(1);
        assertThat(orderJob(declined)).isNull();
        assertThat(orderJob(marked)).isNull();
        await().atMost(PATIENCE).until(() -> outboxRows() == 0);
    }

    @Test
    @Order(3)
    void outboxKeepsTheJobWhileTheServerIsDownAndSendsItOnceWhenItIsBack() throws Exception {
        ojs.stop();
        String order = newOrder();
        String jobId = place("jta-outbox", "ejb", "commit", order);

        assertThat(orderJob(order)).isEqualTo(jobId);
        assertThat(outboxStatus(jobId)).isEqualTo("pending");

        ojsUp();
        await().atMost(PATIENCE).until(() -> onServer(jobId));
        await().atMost(PATIENCE).until(() -> outboxRows() == 0);
        assertThat(jobs.jobCount()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void libertyKilledAfterCommitSendsTheJobOnceAfterRestart() throws Exception {
        ojs.stop();
        String order = newOrder();
        String jobId = place("jta-outbox", "cdi", "commit", order);
        assertThat(outboxStatus(jobId)).isEqualTo("pending");

        killLiberty();
        ojsUp();
        assertThat(outboxStatus(jobId)).as("the row survives the crash").isEqualTo("pending");
        startLiberty();

        await().atMost(PATIENCE).until(() -> onServer(jobId));
        await().atMost(PATIENCE).until(() -> outboxRows() == 0);
        assertThat(jobs.jobCount()).isEqualTo(1);
        assertThat(orderJob(order)).isEqualTo(jobId);
    }

    // ---------------------------------------------------------------- the application

    private String place(String app, String via, String outcome, String order) throws Exception {
        HttpResponse<String> answer = Http.post(url(app + "/api/orders/" + via + "/" + outcome + "/" + order), "");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String newOrder() {
        return "order-" + ORDERS.incrementAndGet();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + path);
    }

    // ---------------------------------------------------------------- the OJS server and the database

    private void ojsUp() {
        ojs = EmbeddedOjsServer.builder().port(ojsPort).state(jobs).start();
    }

    private boolean onServer(String jobId) {
        try {
            jobs.get(jobId);
            return true;
        } catch (RuntimeException notThere) {
            return false;
        }
    }

    private String orderJob(String order) throws SQLException {
        return single("SELECT job_id FROM orders WHERE id = ?", order);
    }

    private String outboxStatus(String jobId) throws SQLException {
        return single("SELECT status FROM ojs_outbox WHERE job_id = ?", jobId);
    }

    /** Rows of the outbox not sent yet; 0 before the application created the table. */
    private int outboxRows() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_name = 'ojs_outbox'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
        }
        return Integer.parseInt(single("SELECT count(*) FROM ojs_outbox WHERE status <> ?", "sent"));
    }

    private String single(String query, String parameter) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    // ---------------------------------------------------------------- Liberty

    private void createServer() throws Exception {
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
        Files.writeString(dir.resolve("bootstrap.properties"), "http.port=" + httpPort + "\n"
                + "ojs.url=http://127.0.0.1:" + ojsPort + "\n"
                + "db.port=" + postgres.getPort() + "\n");
    }

    /** Starts the server and waits until both applications answer with their mode. */
    private void startLiberty() throws Exception {
        liberty("start");
        libertyRunning = true;
        for (String[] app : new String[][] {{"jta-after-commit", "AFTER_COMMIT"}, {"jta-outbox", "OUTBOX"}}) {
            HttpResponse<String> mode = await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> Http.get(url(app[0] + "/api/orders/mode")), r -> r.statusCode() == 200);
            assertThat(mode.body()).isEqualTo(app[1]);
        }
    }

    /** {@code kill -9} of Liberty's JVM, as a crash would end it: no application stop, no relay stop. */
    private void killLiberty() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + SERVER + ".pid")).trim());
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Liberty is not running"));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        jvm.onExit().get(60, TimeUnit.SECONDS);
        libertyRunning = false;
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
