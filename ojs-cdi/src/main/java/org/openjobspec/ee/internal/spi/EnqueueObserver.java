package org.openjobspec.ee.internal.spi;

import java.util.List;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.model.Job;

/**
 * Sees every enqueue that leaves an {@code OjsClient} (single job, batch, workflow) around its HTTP call, on the
 * calling thread. Every bean of this type is applied by {@code @Inject OjsClient}; a failure of an observer is logged
 * ({@code CLI_0015} of the library's message catalog) and changes nothing for the enqueue. Nothing is called when there are no observers.
 */
public interface EnqueueObserver {

    /** What leaves the client. */
    enum Operation {
        /** {@code POST /ojs/v1/jobs}. */
        ENQUEUE,
        /** {@code POST /ojs/v1/jobs/batch}. */
        ENQUEUE_BATCH,
        /** {@code POST /ojs/v1/workflows}: the jobs are its steps or members, then its callbacks. */
        CREATE_WORKFLOW
    }

    /**
     * Called once the jobs passed the interceptors and validation, just before the request is written; may add
     * entries to each job's {@link OutgoingJob#meta() meta} (such as {@code traceparent}). The request is sent on this
     * thread, and the returned {@link Sending} is told its outcome on this thread too.
     *
     * @param workflowName the workflow's name for {@link Operation#CREATE_WORKFLOW}, else null
     * @return what is told the outcome, or null when this enqueue is of no interest
     */
    Sending sending(Operation operation, String workflowName, List<OutgoingJob> jobs);

    /** One enqueue in flight. */
    interface Sending {

        /**
         * The server took the jobs.
         *
         * @param created    the jobs as the server answered, in request order (empty for a workflow: servers do not
         *                   return its members)
         * @param workflowId the workflow's id for {@link Operation#CREATE_WORKFLOW}, else null
         */
        void sent(List<Job> created, String workflowId);

        /** The enqueue failed: refused by the server, not reached, or its answer unreadable. */
        void failed(Throwable failure);
    }
}
