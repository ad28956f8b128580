package org.openjobspec.ee.internal.spi;

import java.time.Instant;
import org.openjobspec.ee.JobContext;

/**
 * Sees every job execution around its handler (and the application's middleware), on the handler's thread, inside
 * the job's request context. Every bean of this type is applied by the worker. It cannot change a job's outcome: a
 * failure of an observer is logged ({@code WRK_0046} of the library's message catalog) and goes no further. Nothing is called when there are no observers.
 */
public interface JobObserver {

    /**
     * Called just before the handler runs.
     *
     * @param enqueuedAt when the job became available on the server, or null when the server did not say
     * @return what is told how the execution goes, or null when this job is of no interest
     */
    Execution starting(JobContext job, Instant enqueuedAt);

    /** One execution in progress. */
    interface Execution {

        /**
         * The handler method returned or threw, on the thread that called it, before the job's request context ends:
         * the place to close what {@link #starting} made current there. An async handler's outcome may still be open.
         */
        void returned();

        /**
         * The outcome is known: after {@link #returned()} for a synchronous handler, when its stage completes (on any
         * thread) for an async one.
         *
         * @param failure   what the handler (or binding its args) failed with, unwrapped; null on success
         * @param retryable whether the server may retry the failure (false on success)
         */
        void finished(Throwable failure, boolean retryable);
    }
}
