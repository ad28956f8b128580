package org.openjobspec.ee.reliability.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** The handlers every scenario runs; each execution is recorded before it does anything else. */
@ApplicationScoped
public class Jobs {

    /** Released at the end of the poison scenario, so the handler that "never returns" does not outlive it. */
    public static volatile CountDownLatch hangRelease = new CountDownLatch(1);

    /** Sleeps {@code ms}; interrupted sleeps end the handler with an exception, as real I/O would. */
    @JobHandler("rel.work")
    public String work(long ms, JobContext ctx) throws InterruptedException {
        Executions.record(ctx.jobId());
        if (ms > 0) {
            Thread.sleep(ms);
        }
        return "done";
    }

    /** Holds the job (when this JVM was told to) until the process dies: the crash scenario's victim. */
    @JobHandler("rel.hold")
    public String hold(JobContext ctx) throws InterruptedException {
        Executions.record(ctx.jobId());
        if (Boolean.getBoolean("reliability.hold")) {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
        return "held and done";
    }

    @JobHandler("rel.add")
    public int add(int a, int b, JobContext ctx) {
        Executions.record(ctx.jobId());
        return a + b;
    }

    @JobHandler("rel.throws")
    public void fails(JobContext ctx) {
        Executions.record(ctx.jobId());
        throw new IllegalStateException("poison: the handler always throws");
    }

    /** Never returns on its own: ignores interrupts and cancellation until the scenario releases it. */
    @JobHandler("rel.hang")
    public void hang(JobContext ctx) {
        Executions.record(ctx.jobId());
        boolean released = false;
        while (!released) {
            try {
                released = hangRelease.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // a handler stuck in uninterruptible I/O behaves like this
            }
        }
    }
}
