package org.openjobspec.ee.jta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openjobspec.ee.jta.testkit.JtaWorld;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/** Each test gets a fresh embedded OJS server and the {@link Orders} application booted against it. */
abstract class OrdersAppTest extends JtaWorldTest {

    EmbeddedOjsServer ojs;
    JtaWorld.App app;
    Orders orders;

    @BeforeEach
    void boot() throws SQLException {
        world.sql("DELETE FROM orders");
        ojs = EmbeddedOjsServer.start();
        app = JtaWorld.boot(config(), Orders.class, SendFailures.class);
        orders = app.get(Orders.class);
    }

    @AfterEach
    void shutdown() {
        if (app != null) {
            app.close();
        }
        ojs.stop();
    }

    Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("ojs.url", ojs.url().toString());
        return config;
    }

    /** The job id stored with a committed order, or null if the order was not committed. */
    static String orderJob(String orderId) throws SQLException {
        try (Connection c = world.pg.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT job_id FROM orders WHERE id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
