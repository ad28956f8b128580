package org.openjobspec.ee.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.jta.testkit.JtaWorld;

import static org.openjobspec.ee.jta.internal.Messages.TX_0001;

/**
 * After-commit mode in Weld SE with Narayana JTA, its {@code @Transactional} interceptors and an Agroal pool on a
 * real PostgreSQL, against the embedded OJS server over HTTP. A job sent after commit is on the server when the
 * transactional call returns, so "never sent" is checked once a later committed job has arrived.
 */
class AfterCommitTest extends OrdersAppTest {

    private TransactionalOjs tx;

    @BeforeEach
    void transactionalOjs() {
        tx = app.get(TransactionalOjs.class);
    }

    @Test
    void commitSendsTheJobOnceUnderTheIdReturnedAtOnce() throws SQLException {
        assertThat(tx.mode()).isEqualTo(TransactionalOjs.Mode.AFTER_COMMIT);

        String jobId = orders.place("order-1");

        assertThat(ojs.state().get(jobId).getJsonObject("job").getString("type")).isEqualTo("order.ship");
        assertThat(ojs.state().jobCount()).isEqualTo(1);
        assertThat(orderJob("order-1")).isEqualTo(jobId);
    }

    @Test
    void rollbackSendsNothing() throws SQLException {
        assertThatThrownBy(() -> orders.placeAndFail("order-1")).hasMessageContaining("payment declined");
        String rolledBack = orders.lastJobId();

        String marker = orders.place("order-2");

        assertThat(ojs.state().get(marker)).isNotNull();
        assertThat(ojs.state().jobCount()).as("only the committed job; never " + rolledBack).isEqualTo(1);
        assertThat(orderJob("order-1")).isNull();
    }

    @Test
    void rollbackOnlySendsNothing() throws Exception {
        // @Transactional rolls a rollback-only transaction back without throwing
        String markedAfter = orders.placeThenMarkRollbackOnly("order-1");
        String markedBefore = orders.enqueueWhenMarkedRollbackOnly("order-2");

        String marker = orders.place("order-3");

        assertThat(ojs.state().get(marker)).isNotNull();
        assertThat(ojs.state().jobCount()).as("never " + markedAfter + " nor " + markedBefore).isEqualTo(1);
        assertThat(orderJob("order-1")).isNull();
    }

    @Test
    void userTransactionCommitAndRollback() throws Exception {
        world.ut.begin();
        String rolledBack = tx.enqueue("order.ship", "a");
        world.ut.rollback();
        world.ut.begin();
        List<String> committed = tx.enqueueBatch(List.of(JobSpec.of("order.ship", "b"), JobSpec.of("order.pack", "b")));
        String third = tx.enqueue("order.bill", "b");
        assertThat(ojs.state().jobCount()).as("nothing before the commit").isZero();
        world.ut.commit();

        assertThat(ojs.state().jobCount()).isEqualTo(3);
        assertThat(ojs.state().get(committed.get(1)).getJsonObject("job").getString("type")).isEqualTo("order.pack");
        assertThat(ojs.state().get(third)).isNotNull();
        assertThat(committed).doesNotContain(rolledBack);
    }

    @Test
    void aWorkflowIsCreatedOnlyOnCommit() throws Exception {
        WorkflowDefinition chain = WorkflowDefinition.chain("ship", JobSpec.of("order.pack", "a"),
                JobSpec.of("order.ship", "a"));
        world.ut.begin();
        tx.createWorkflow(chain);
        world.ut.rollback();
        assertThat(ojs.state().jobCount()).isZero();

        world.ut.begin();
        tx.createWorkflow(chain);
        world.ut.commit();
        assertThat(ojs.state().jobCount()).isPositive();
    }

    @Test
    void aSendThatFailsAfterCommitIsReportedNotThrown() throws SQLException {
        ojs.stop();

        String jobId = orders.place("order-1");

        assertThat(orderJob("order-1")).as("the commit stands").isEqualTo(jobId);
        List<AfterCommitSendFailed> seen = app.get(SendFailures.class).seen();
        assertThat(seen).singleElement().satisfies(f -> {
            assertThat(f.jobIds()).containsExactly(jobId);
            assertThat(f.jobTypes()).containsExactly("order.ship");
            assertThat(f.error()).isInstanceOf(OjsTransportException.class);
        });
    }

    @Test
    void outsideATransactionSendsAtOnceOrFailsAsConfigured() {
        String jobId = tx.enqueue("order.ship", "x");
        assertThat(ojs.state().get(jobId)).isNotNull();

        app.close();
        Map<String, String> config = config();
        config.put("ojs.transactional.outside-transaction", "fail");
        app = JtaWorld.boot(config);
        TransactionalOjs strict = app.get(TransactionalOjs.class);
        assertThatThrownBy(() -> strict.enqueue("order.ship", "y")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(TX_0001.id());
        assertThat(ojs.state().jobCount()).isEqualTo(1);
    }
}
