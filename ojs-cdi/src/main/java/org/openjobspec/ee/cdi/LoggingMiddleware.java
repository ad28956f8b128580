package org.openjobspec.ee.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobMiddleware;
import org.openjobspec.ee.worker.Failures;

/**
 * Logs each job: start and end at DEBUG, failures at WARNING, never the args above TRACE (they may hold personal
 * data). Logger {@code org.openjobspec.ee.jobs}.
 */
@JobMiddleware
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class LoggingMiddleware {

    private static final System.Logger LOG = System.getLogger("org.openjobspec.ee.jobs");

    @Inject
    JobContext job;

    @AroundInvoke
    Object log(InvocationContext invocation) throws Exception {
        String what = job.jobType() + " job " + job.jobId() + " (attempt " + job.attempt() + ")";
        LOG.log(Level.DEBUG, "OJS-WRK-0040: starting {0}", what);
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, "OJS-WRK-0041: {0} args {1}", what, job.args());
        }
        long start = System.nanoTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            failed(what, e);
            throw e;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((v, e) -> {
                if (e != null) {
                    failed(what, e);
                } else {
                    done(what, start);
                }
            });
        }
        done(what, start);
        return result;
    }

    private static void done(String what, long start) {
        LOG.log(Level.DEBUG, "OJS-WRK-0042: finished {0} in {1} ms", what, (System.nanoTime() - start) / 1_000_000);
    }

    private static void failed(String what, Throwable e) {
        Throwable cause = Failures.unwrap(e);
        LOG.log(Level.WARNING, "OJS-WRK-0043: {0} failed{1}: {2}", what,
                Failures.isNonRetryable(cause) ? " permanently" : "", cause.toString());
    }
}
