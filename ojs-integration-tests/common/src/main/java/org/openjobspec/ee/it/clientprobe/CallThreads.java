package org.openjobspec.ee.it.clientprobe;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OutgoingJob;

/** Records the thread of every enqueue of a {@code client.probe} job: the thread that ran the client's call. */
@ApplicationScoped
public class CallThreads implements EnqueueInterceptor {

    private final BlockingQueue<String> names = new LinkedBlockingQueue<>();

    @Override
    public void beforeEnqueue(OutgoingJob job) {
        if ("client.probe".equals(job.type())) {
            names.add(Thread.currentThread().getName());
        }
    }

    // methods, not field access: callers hold a client proxy

    void clear() {
        names.clear();
    }

    String next() throws InterruptedException {
        return names.poll(10, TimeUnit.SECONDS);
    }
}
