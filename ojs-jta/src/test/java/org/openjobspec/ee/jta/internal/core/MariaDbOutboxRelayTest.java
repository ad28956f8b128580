package org.openjobspec.ee.jta.internal.core;

import org.junit.jupiter.api.BeforeAll;
import org.openjobspec.ee.jta.testkit.OutboxDatabase;

/** The relay on MariaDB 10.11 (the MariaDB/MySQL dialect). */
class MariaDbOutboxRelayTest extends OutboxRelayTest {

    @BeforeAll
    static void database() throws Exception {
        db = OutboxDatabase.mariaDb();
    }
}
