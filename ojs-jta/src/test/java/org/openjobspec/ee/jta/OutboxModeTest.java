package org.openjobspec.ee.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.jta.testkit.JtaWorld;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;

import static org.openjobspec.ee.jta.internal.Messages.TX_0003;

/**
 * Outbox mode in Weld SE with Narayana JTA and an Agroal pool on a real PostgreSQL: the row is written in the
 * application's transaction and the relay, started with the application, sends it to the embedded OJS server.
 * Rows are sent in insertion order, so a job written after another has arrived only once the earlier one had its
 * chance: that is the positive signal before asserting that something was never sent.
 */
class OutboxModeTest extends OrdersAppTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    private final String table = world.pg.newTable();

    @Override
    Map<String, String> config() {
        Map<String, String> config = super.config();
        config.put("ojs.outbox.datasource", JtaWorld.DATASOURCE);
        config.put("ojs.outbox.table", table);
        // a long poll: only the wake-up after commit can make the tests below pass in time
        config.put("ojs.outbox.poll-interval", "PT5M");
        config.put("ojs.outbox.backoff-max", "PT0.5S");
        return config;
    }

    @Test
    void commitWritesTheRowWithTheDataAndTheRelaySendsItOnce() throws SQLException {
        assertThat(app.get(TransactionalOjs.class).mode()).isEqualTo(TransactionalOjs.Mode.OUTBOX);

        String jobId = orders.place("order-1");

        assertThat(orderJob("order-1")).isEqualTo(jobId);
        await().atMost(LONG).until(() -> has(ojs.state(), jobId));
        await().atMost(LONG).until(() -> rows() == 0);
        assertThat(ojs.state().jobCount()).isEqualTo(1);
    }

    @Test
    void rollbackAndRollbackOnlyWriteNoRow() throws Exception {
        assertThatThrownBy(() -> orders.placeAndFail("order-1")).hasMessageContaining("payment declined");
        String failed = orders.lastJobId();
        String markedAfter = orders.placeThenMarkRollbackOnly("order-2");
        String markedBefore = orders.enqueueWhenMarkedRollbackOnly("order-3");

        String marker = orders.place("order-4");

        await().atMost(LONG).until(() -> has(ojs.state(), marker));
        assertThat(ojs.state().jobCount()).as("never " + failed + ", " + markedAfter + ", " + markedBefore)
                .isEqualTo(1);
        assertThat(orderJob("order-1")).isNull();
        assertThat(orderJob("order-2")).isNull();
        await().atMost(LONG).until(() -> rows() == 0);
    }

    @Test
    void concurrentTransactionsSendExactlyTheCommittedJobs() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        String order = "order-" + thread + "-" + i;
                        if (i % 4 == 3) {
                            assertThatThrownBy(() -> orders.placeAndFail(order)).hasMessageContaining("declined");
                        } else {
                            committed.add(orders.place(order));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        await().atMost(LONG).until(() -> rows() == 0);
        assertThat(committed).hasSize(240);
        assertThat(ojs.state().jobCount()).isEqualTo(240);
        assertThat(committed).allMatch(id -> has(ojs.state(), id));
    }

    @Test
    void userTransactionBatch() throws Exception {
        TransactionalOjs tx = app.get(TransactionalOjs.class);
        world.ut.begin();
        var ids = tx.enqueueBatch(List.of(JobSpec.of("order.pack", 1), JobSpec.of("order.ship", 1)));
        assertThat(rows()).as("not visible outside the transaction before it commits").isZero();
        world.ut.commit();

        await().atMost(LONG).until(() -> has(ojs.state(), ids.get(0)) && has(ojs.state(), ids.get(1)));
    }

    @Test
    void serverDownAtCommitBothCommitAndTheJobArrivesOnceWhenTheServerIsBack() throws SQLException {
        int port = ojs.port();
        OjsState state = ojs.state();
        ojs.stop();

        String jobId = orders.place("order-1");

        assertThat(orderJob("order-1")).isEqualTo(jobId);
        assertThat(rows()).isEqualTo(1);
        ojs = EmbeddedOjsServer.builder().port(port).state(state).start();
        await().atMost(LONG).until(() -> rows() == 0);
        assertThat(ojs.state().jobCount()).isEqualTo(1);
        assertThat(has(ojs.state(), jobId)).isTrue();
    }

    @Test
    void outsideATransactionTheRowIsWrittenOnItsOwnAndSent() {
        String jobId = app.get(TransactionalOjs.class).enqueue("order.ship", "x");

        await().atMost(LONG).until(() -> has(ojs.state(), jobId));
    }

    @Test
    void workflowsAreRefused() {
        TransactionalOjs tx = app.get(TransactionalOjs.class);
        assertThatThrownBy(() -> tx.createWorkflow(WorkflowDefinition.chain("c", JobSpec.of("a.b", 1))))
                .hasMessageStartingWith(TX_0003.id());
    }

    @Test
    void failedRowsAreListedAndRetriedThroughOjsOutbox() throws SQLException {
        OjsOutbox outbox = app.get(OjsOutbox.class);
        String jobId = orders.place("order-1");
        await().atMost(LONG).until(() -> has(ojs.state(), jobId));
        // a row the server rejects for good: its queue name is refused by the client's validation
        world.sql("INSERT INTO " + table + " (job_id, job_type, job_args, job_options, created_at) VALUES "
                + "('0190a000-0000-7000-8000-000000000001', 'order.ship', '[]', '{\"queue\":\"Not A Queue\"}', now())");
        String behind = orders.place("order-2");

        await().atMost(LONG).until(() -> has(ojs.state(), behind) && outbox.failed(10).size() == 1);
        assertThat(outbox.failed(10)).singleElement().satisfies(e -> {
            assertThat(e.jobId()).isEqualTo("0190a000-0000-7000-8000-000000000001");
            assertThat(e.error()).contains("queue");
        });
        assertThat(outbox.pending()).isZero();

        world.sql("UPDATE " + table + " SET job_options = '{\"queue\":\"fixed\"}'");
        assertThat(outbox.retry("0190a000-0000-7000-8000-000000000001")).isTrue();
        await().atMost(LONG).until(() -> has(ojs.state(), "0190a000-0000-7000-8000-000000000001"));
        assertThat(outbox.failed(10)).isEmpty();
    }

    private static boolean has(OjsState state, String jobId) {
        try {
            state.get(jobId);
            return true;
        } catch (RuntimeException notFound) {
            return false;
        }
    }

    private int rows() throws SQLException {
        try (Connection c = world.pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
