package org.openjobspec.ee.jta.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.jta.testkit.OutboxDatabase;
import org.openjobspec.ee.testing.HostileOjsServer;

/** The relay on PostgreSQL 14, and two application instances' relays in two JVMs on one table. */
class PostgresOutboxRelayTest extends OutboxRelayTest {

    @BeforeAll
    static void database() throws Exception {
        db = OutboxDatabase.postgres();
    }

    @Test
    void twoRelaysInTwoJvmsOnOneTableSendEveryRowExactlyOnce() throws Exception {
        HostileOjsServer ojs = hostile();
        insert(10_000);
        try (RelayJvm a = relayJvm(ojs); RelayJvm b = relayJvm(ojs)) {
            a.go();
            b.go();

            await().atMost(Duration.ofMinutes(3)).until(() -> store.count("pending") == 0);

            RelayJvm.Counts byA = a.stop();
            RelayJvm.Counts byB = b.stop();
            assertThat(ojs.server().state().jobCount()).isEqualTo(10_000);
            assertThat(ojs.count(SINGLE)).as("no duplicate, so no batch fell back to single sends").isZero();
            assertThat(idsSent(ojs)).hasSize(10_000).doesNotHaveDuplicates();
            assertThat(List.of(byA.sent(), byB.sent())).as("both relays took part").allMatch(n -> n > 0);
            assertThat(byA.sent() + byB.sent()).isEqualTo(10_000);
            assertThat(List.of(byA.duplicates(), byA.failed(), byB.duplicates(), byB.failed())).containsOnly(0);
            System.out.println("RELAY two JVMs: " + byA + " " + byB);
        }
    }

    @Test
    void aRelayKilledBetweenSendAndCommitLosesNothingAndDuplicatesNothing() throws Exception {
        HostileOjsServer ojs = hostile();
        insert(300);
        // the server takes the first batch but answers late: the relay dies before it can commit the send
        ojs.on(BATCH, 1, HostileOjsServer.Behaviour.healthy().delayed(Duration.ofSeconds(3)));
        try (RelayJvm killed = relayJvm(ojs)) {
            killed.go();
            await().atMost(LONG).until(() -> ojs.count(BATCH) == 1);
            killed.kill();
        }
        await().atMost(LONG).until(() -> ojs.server().state().jobCount() == 100);
        assertThat(store.count("pending")).as("the killed relay committed nothing").isEqualTo(300);

        try (RelayJvm next = relayJvm(ojs)) {
            next.go();
            await().atMost(LONG).until(() -> store.count("pending") == 0);
            assertThat(next.stop()).as("200 created; the first 100 answered duplicate: once as a batch, then each")
                    .isEqualTo(new RelayJvm.Counts(200, 101, 0));
        }
        assertThat(ojs.server().state().jobCount()).isEqualTo(300);
        assertThat(ojs.count(SINGLE)).as("the batch already on the server, re-sent row by row, each a duplicate")
                .isEqualTo(100);
        assertThat(store.count("failed")).isZero();
    }

    private RelayJvm relayJvm(HostileOjsServer ojs) throws java.io.IOException {
        return new RelayJvm(db.jdbcUrl(), store.table(), ojs.url().toString());
    }
}
