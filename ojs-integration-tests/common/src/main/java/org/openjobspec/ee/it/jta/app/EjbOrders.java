package org.openjobspec.ee.it.jta.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Places orders in container-managed EJB transactions (REQUIRED). */
@Stateless
public class EjbOrders {

    @Inject
    OrderTable table;

    @Resource
    SessionContext context;

    public String commit(String orderId) {
        return table.place(orderId);
    }

    public String rollback(String orderId) {
        throw new Declined(table.place(orderId));
    }

    public String rollbackOnly(String orderId) {
        String jobId = table.place(orderId);
        context.setRollbackOnly();
        return jobId;
    }
}
