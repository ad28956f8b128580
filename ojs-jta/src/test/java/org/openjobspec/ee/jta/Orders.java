package org.openjobspec.ee.jta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.openjobspec.ee.jta.testkit.JtaWorld;

/** An application bean that writes an order and enqueues its shipping job in one JTA transaction. */
@ApplicationScoped
public class Orders {

    @Inject
    TransactionalOjs ojs;

    /** The id of the job the last call staged, also when that call then failed (single-threaded tests only). */
    private volatile String lastJobId;

    String lastJobId() {
        return lastJobId;
    }

    @Transactional
    public String place(String orderId) {
        return placeNow(orderId);
    }

    @Transactional
    public String placeAndFail(String orderId) {
        placeNow(orderId);
        throw new IllegalStateException("payment declined");
    }

    @Transactional
    public String placeThenMarkRollbackOnly(String orderId) throws Exception {
        String jobId = placeNow(orderId);
        com.arjuna.ats.jta.TransactionManager.transactionManager().setRollbackOnly();
        return jobId;
    }

    @Transactional
    public String enqueueWhenMarkedRollbackOnly(String orderId) throws Exception {
        com.arjuna.ats.jta.TransactionManager.transactionManager().setRollbackOnly();
        lastJobId = ojs.enqueue("order.ship", orderId);
        return lastJobId;
    }

    String placeNow(String orderId) {
        String jobId = ojs.enqueue("order.ship", orderId);
        lastJobId = jobId;
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, job_id) VALUES (?, ?)")) {
            ps.setString(1, orderId);
            ps.setString(2, jobId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jobId;
    }

    private static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup(JtaWorld.DATASOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
