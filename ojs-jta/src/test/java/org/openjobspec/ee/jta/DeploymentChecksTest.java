package org.openjobspec.ee.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.jta.testkit.JtaWorld;
import org.openjobspec.ee.jta.testkit.TestNaming;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

import static org.openjobspec.ee.jta.internal.Messages.CFG_0100;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0101;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0102;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0103;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0105;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0106;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0108;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0111;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0112;
import static org.openjobspec.ee.jta.internal.Messages.TX_0007;

/** A wrong outbox configuration fails the deployment, every problem with its id, before any enqueue. */
class DeploymentChecksTest extends JtaWorldTest {

    private static Map<String, String> config(String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("ojs.url", "http://127.0.0.1:1");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    @Test
    void aDatasourceThatIsNotBoundFailsTheDeployment() {
        assertThatThrownBy(() -> JtaWorld.boot(config("ojs.outbox.datasource", "jdbc/nothing")).close())
                .hasStackTraceContaining(CFG_0101 + ": ojs.outbox.datasource='jdbc/nothing' cannot be looked up");
    }

    @Test
    void aMissingTableFailsTheDeploymentWithTheDdl() {
        assertThatThrownBy(() -> JtaWorld.boot(config("ojs.outbox.datasource", JtaWorld.DATASOURCE,
                "ojs.outbox.table", "no_such_outbox")).close())
                .hasStackTraceContaining(CFG_0103 + ": outbox table 'no_such_outbox' is missing")
                .hasStackTraceContaining("CREATE TABLE no_such_outbox");
    }

    @Test
    void theTableIsCreatedAtStartWhenAsked() throws Exception {
        try (JtaWorld.App app = JtaWorld.boot(config("ojs.outbox.datasource", JtaWorld.DATASOURCE,
                "ojs.outbox.table", "created_outbox", "ojs.outbox.create-table", "true"))) {
            assertThat(app.get(TransactionalOjs.class).mode()).isEqualTo(TransactionalOjs.Mode.OUTBOX);
            assertThat(app.get(OjsOutbox.class).pending()).isZero();
        }
    }

    @Test
    void durationsTakeTheFormsOfEveryOtherKey() {
        try (JtaWorld.App app = JtaWorld.boot(config("ojs.outbox.datasource", JtaWorld.DATASOURCE,
                "ojs.outbox.table", "short_forms_outbox", "ojs.outbox.create-table", "true",
                "ojs.outbox.poll-interval", "500ms", "ojs.outbox.backoff-max", "2m",
                "ojs.outbox.retention", "24h", "ojs.outbox.grace-period", "5s"))) {
            assertThat(app.get(TransactionalOjs.class).mode()).isEqualTo(TransactionalOjs.Mode.OUTBOX);
        }
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        assertThatThrownBy(() -> JtaWorld.boot(config(
                "ojs.transactional.outside-transaction", "maybe",
                "ojs.outbox.batch-size", "0",
                "ojs.outbox.poll-interval", "soon",
                "ojs.outbox.retention", "-PT1S",
                "ojs.outbox.table", "drop table x",
                "ojs.outbox.relay", "yes",
                "ojs.outbox.batchsize", "10")).close())
                .hasStackTraceContaining(CFG_0100.id())
                .hasStackTraceContaining(CFG_0105.id())
                .hasStackTraceContaining(CFG_0106.id())
                .hasStackTraceContaining(CFG_0108.id())
                .hasStackTraceContaining(CFG_0102.id())
                .hasStackTraceContaining(CFG_0111.id())
                .hasStackTraceContaining(CFG_0112 + ": unknown key 'ojs.outbox.batchsize'");
    }

    @Test
    void withoutADatasourceTheModeIsAfterCommitAndTheOutboxSaysSo() {
        try (JtaWorld.App app = JtaWorld.boot(config())) {
            assertThat(app.get(TransactionalOjs.class).mode()).isEqualTo(TransactionalOjs.Mode.AFTER_COMMIT);
            assertThatThrownBy(() -> app.get(OjsOutbox.class).pending()).hasMessageStartingWith(TX_0007.id());
        }
    }

    @Test
    void withoutARegistryInJndiTheRegistryBeanOfTheTransactionManagerServes() throws Exception {
        Object registry = TestNaming.unbind("java:comp/TransactionSynchronizationRegistry");
        try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start();
             JtaWorld.App app = JtaWorld.boot(Map.of("ojs.url", ojs.url().toString()))) {
            TransactionalOjs tx = app.get(TransactionalOjs.class);
            world.ut.begin();
            String rolledBack = tx.enqueue("order.ship", 1);
            world.ut.rollback();
            world.ut.begin();
            String committed = tx.enqueue("order.ship", 2);
            assertThat(ojs.state().jobCount()).isZero();
            world.ut.commit();
            assertThat(ojs.state().get(committed)).isNotNull();
            assertThat(ojs.state().jobCount()).as("never " + rolledBack).isEqualTo(1);
        } finally {
            TestNaming.bind("java:comp/TransactionSynchronizationRegistry", registry);
            if (world.tm.getTransaction() != null) {
                world.tm.rollback();
            }
        }
    }
}
