package org.openjobspec.ee.jta;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openjobspec.ee.jta.testkit.JtaWorld;

/** Tests that run in one {@link JtaWorld} (PostgreSQL, Narayana, Agroal, JNDI) per class. */
abstract class JtaWorldTest {

    static JtaWorld world;

    @BeforeAll
    static void startWorld() throws Exception {
        world = new JtaWorld();
    }

    @AfterAll
    static void endWorld() {
        world.close();
    }
}
