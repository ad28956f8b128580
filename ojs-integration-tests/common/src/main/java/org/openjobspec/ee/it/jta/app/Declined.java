package org.openjobspec.ee.it.jta.app;

import jakarta.ejb.ApplicationException;

/**
 * Thrown after the order row was written and its job staged, to roll the transaction back. An application
 * exception, so the EJB container hands it to the caller as it is (not wrapped) and still rolls back; a
 * {@code @Transactional} bean rolls back on any unchecked exception.
 */
@ApplicationException(rollback = true)
public class Declined extends RuntimeException {

    private final String jobId;

    public Declined(String jobId) {
        super("payment declined");
        this.jobId = jobId;
    }

    /** The id of the job that was staged in the rolled-back transaction. */
    public String jobId() {
        return jobId;
    }
}
