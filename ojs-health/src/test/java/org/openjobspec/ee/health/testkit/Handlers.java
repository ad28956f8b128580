package org.openjobspec.ee.health.testkit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.JobHandler;

/** The application's job handlers: one that returns at once, one that holds its job until released. */
@ApplicationScoped
public class Handlers {

    public static volatile CountDownLatch release = new CountDownLatch(1);
    public static volatile CountDownLatch started = new CountDownLatch(1);

    public static void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        started = new CountDownLatch(1);
    }

    @JobHandler("health.echo")
    public String echo(String text) {
        return text;
    }

    /** Holds the job until the test releases it (or its patience runs out, so nothing hangs for ever). */
    @JobHandler("health.hold")
    public String hold() throws InterruptedException {
        started.countDown();
        release.await(HealthApp.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return "released";
    }
}
