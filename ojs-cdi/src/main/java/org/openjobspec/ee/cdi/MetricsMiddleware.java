package org.openjobspec.ee.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobExecuted;
import org.openjobspec.ee.JobMiddleware;
import org.openjobspec.ee.worker.Failures;

/** Measures each handler invocation and fires {@link JobExecuted}, the hook for metrics. */
@JobMiddleware
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class MetricsMiddleware {

    @Inject
    JobContext job;

    @Inject
    Event<JobExecuted> executed;

    @AroundInvoke
    Object measure(InvocationContext invocation) throws Exception {
        String type = job.jobType();
        String queue = job.queue();
        int attempt = job.attempt();
        long start = System.nanoTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            fire(type, queue, attempt, start, e);
            throw e;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((v, e) -> fire(type, queue, attempt, start, e == null ? null : Failures.unwrap(e)));
        }
        fire(type, queue, attempt, start, null);
        return result;
    }

    private void fire(String type, String queue, int attempt, long start, Throwable failure) {
        executed.fire(new JobExecuted(type, queue, attempt, Duration.ofNanos(System.nanoTime() - start), failure));
    }
}
