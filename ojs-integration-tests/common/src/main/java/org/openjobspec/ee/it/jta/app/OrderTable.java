package org.openjobspec.ee.it.jta.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openjobspec.ee.jta.TransactionalOjs;

/**
 * Writes an order row and enqueues its shipping job, both in the caller's JTA transaction: the business data on the
 * container's datasource {@code jdbc/orders}, the job through {@link TransactionalOjs} (after commit, or an outbox
 * row on the same datasource).
 */
@ApplicationScoped
public class OrderTable {

    @Resource(lookup = "jdbc/orders")
    DataSource orders;

    @Inject
    TransactionalOjs ojs;

    /** Returns the job's id, which is also stored in the order row. */
    public String place(String orderId) {
        String jobId = ojs.enqueue("order.ship", orderId);
        try (Connection c = orders.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, job_id) VALUES (?, ?)")) {
            ps.setString(1, orderId);
            ps.setString(2, jobId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write order " + orderId, e);
        }
        return jobId;
    }
}
