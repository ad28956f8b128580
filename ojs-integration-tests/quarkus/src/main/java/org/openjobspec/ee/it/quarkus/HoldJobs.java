package org.openjobspec.ee.it.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** Holds its job until the server takes it back (the health test cancels it) or the application stops. */
@ApplicationScoped
public class HoldJobs {

    @JobHandler("test.hold")
    public String hold(JobContext job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!job.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(50); // a handler checking its flag between units of work, as JobContext suggests
        }
        return "stopped";
    }
}
