package org.openjobspec.ee.it.jta.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;

/** Places orders in bean-managed transactions: the container's {@code UserTransaction}, begun and ended here. */
@ApplicationScoped
public class UserTransactionOrders {

    @Inject
    OrderTable table;

    @Resource
    UserTransaction tx;

    public String commit(String orderId) throws Exception {
        tx.begin();
        String jobId = table.place(orderId);
        tx.commit();
        return jobId;
    }

    public String rollback(String orderId) throws Exception {
        tx.begin();
        String jobId = table.place(orderId);
        tx.rollback();
        return jobId;
    }

    public String rollbackOnly(String orderId) throws Exception {
        tx.begin();
        String jobId = table.place(orderId);
        tx.setRollbackOnly();
        try {
            tx.commit();
        } catch (RollbackException expected) {
            // a transaction marked rollback-only rolls back when asked to commit
        }
        return jobId;
    }
}
