package org.openjobspec.ee.it.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;

/**
 * Transactional enqueue ({@code ojs-jta}) on a real application server: a {@code @Stateless} EJB, a
 * {@code @Transactional} CDI bean and a bean using {@code UserTransaction} each write an order row on a container
 * datasource ({@code jdbc/orders}) and enqueue its job through {@code TransactionalOjs}, in one JTA transaction. Two WARs in one server: after commit,
 * and outbox (the outbox table on the same datasource). A subclass per server says how to set it up, start, stop
 * and kill it.
 *
 * <p>The checks run the embedded PostgreSQL and the embedded OJS server on loopback and a server of their own (not
 * Arquillian's: they stop the OJS server under it and kill it with {@code kill -9}). "Never sent" is asserted after
 * a later committed job of the same application has arrived: the after-commit mode sends before the call returns,
 * and the outbox relay sends rows in insertion order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class TransactionalChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Only a bound for failures: an application server starting on a loaded 2-core machine took over 2 minutes. */
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final AtomicInteger ORDERS = new AtomicInteger();

    private EmbeddedPostgres postgres;
    private DataSource db;
    private final OjsState jobs = new OjsState();
    private int ojsPort;
    private EmbeddedOjsServer ojs;
    private boolean serverRunning;

    /**
     * Prepares the application server: a datasource {@code jdbc/orders} on PostgreSQL at 127.0.0.1:{@code dbPort}
     * (database and user {@code postgres}), {@code ojs.url} set to {@code ojsUrl}, and the WARs
     * {@link OrdersWar#afterCommit} as {@code jta-after-commit} and {@link OrdersWar#outbox} as {@code jta-outbox}.
     */
    protected abstract void createServer(int dbPort, URI ojsUrl) throws Exception;

    /** Starts the prepared server; returns once it runs (its applications may still be starting). */
    protected abstract void startServer() throws Exception;

    /** Stops the server as an administrator would. */
    protected abstract void stopServer() throws Exception;

    /** Ends the server's JVM with {@code kill -9} and returns once it is gone. */
    protected abstract void killServer() throws Exception;

    /** The URL of {@code path} on the running server, e.g. {@code jta-outbox/api/orders/mode}. */
    protected abstract URI url(String path);

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        db = postgres.getPostgresDatabase();
        sql("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(36) NOT NULL)");
        ojsPort = freePort();
        ojsUp();
        createServer(postgres.getPort(), ojs.url());
        startAndAwaitApplications();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (serverRunning) {
                stopServer();
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
    @CsvSource({"jta-after-commit, ejb", "jta-after-commit, cdi", "jta-after-commit, ut",
                "jta-outbox, ejb", "jta-outbox, cdi", "jta-outbox, ut"})
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
    @CsvSource({"jta-after-commit, ejb", "jta-after-commit, cdi", "jta-after-commit, ut",
                "jta-outbox, ejb", "jta-outbox, cdi", "jta-outbox, ut"})
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
    void serverKilledAfterCommitSendsTheJobOnceAfterRestart() throws Exception {
        ojs.stop();
        String order = newOrder();
        String jobId = place("jta-outbox", "cdi", "commit", order);
        assertThat(outboxStatus(jobId)).isEqualTo("pending");

        killServer();
        serverRunning = false;
        ojsUp();
        assertThat(outboxStatus(jobId)).as("the row survives the crash").isEqualTo("pending");
        startAndAwaitApplications();

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

    /** Starts the server and waits until both applications answer with their mode. */
    private void startAndAwaitApplications() throws Exception {
        startServer();
        serverRunning = true;
        for (String[] app : new String[][] {{"jta-after-commit", "AFTER_COMMIT"}, {"jta-outbox", "OUTBOX"}}) {
            HttpResponse<String> mode = await().atMost(STARTUP).ignoreExceptions()
                    .until(() -> Http.get(url(app[0] + "/api/orders/mode")), r -> r.statusCode() == 200);
            assertThat(mode.body()).isEqualTo(app[1]);
        }
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

    /** A port free on 127.0.0.1 right now. */
    protected static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
