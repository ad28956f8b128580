package org.openjobspec.ee.it.slow;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** A handler that is still running when the application is undeployed. */
@ApplicationScoped
public class SlowJobs {

    @JobHandler("test.slow")
    public String slow(JobContext job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!job.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return "stopped";
    }
}
