package org.openjobspec.ee.it.jta.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Places orders in {@code @Transactional} CDI methods (REQUIRED). */
@ApplicationScoped
public class CdiOrders {

    @Inject
    OrderTable table;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Transactional
    public String commit(String orderId) {
        return table.place(orderId);
    }

    @Transactional
    public String rollback(String orderId) {
        throw new Declined(table.place(orderId));
    }

    @Transactional
    public String rollbackOnly(String orderId) {
        String jobId = table.place(orderId);
        registry.setRollbackOnly();
        return jobId;
    }
}
