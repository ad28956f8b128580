package org.openjobspec.ee.jta.internal.core;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.openjobspec.ee.jta.testkit.OutboxDatabase;

/** The relay on an in-memory H2 2.x database. */
class H2OutboxRelayTest extends OutboxRelayTest {

    @BeforeAll
    static void database() throws SQLException {
        db = OutboxDatabase.h2();
    }
}
