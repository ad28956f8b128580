package org.openjobspec.ee.bench;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** The handlers the worker benchmarks run: they do nothing but note that they ran. */
@ApplicationScoped
public class BenchHandlers {

    static final AtomicLong NOOPS = new AtomicLong();

    @JobHandler("bench.noop")
    public void noop(String email, int n) {
        NOOPS.incrementAndGet();
    }

    @JobHandler("bench.pickup")
    public void pickup(JobContext ctx) {
        PickupLatencyBench.handlerStarted(ctx.jobId(), System.nanoTime());
    }
}
