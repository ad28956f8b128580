package org.openjobspec.ee.example.middleware;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.logging.Logger;
import org.openjobspec.ee.JobContext;

/**
 * Middleware written as a plain CDI interceptor: the worker invokes handlers through their beans, so
 * interceptors apply to jobs like to any other call. It logs each run (without the job's arguments) and keeps it
 * in {@link JobActivity}, which {@code GET /api/demo/status} shows.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    private static final Logger LOG = Logger.getLogger(AuditInterceptor.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobActivity activity;

    @AroundInvoke
    Object audit(InvocationContext invocation) throws Exception {
        long start = System.nanoTime();
        String thread = Thread.currentThread().getName();
        try {
            Object result = invocation.proceed();
            record("succeeded", start, thread);
            return result;
        } catch (Exception e) {
            record("failed: " + e.getMessage(), start, thread);
            throw e;
        }
    }

    private void record(String outcome, long start, String thread) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        activity.add(new JobActivity.Entry(job.jobId(), job.jobType(), job.attempt(), outcome, millis, thread));
        LOG.info(() -> "OJS example: job " + job.jobId() + " (" + job.jobType() + ") attempt " + job.attempt()
                + " " + outcome + " in " + millis + " ms on thread '" + thread + "'");
    }
}
