package org.openjobspec.ee.internal.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The library's own pool, for where no container offers one: daemon threads named {@code ojs-<purpose>-<pool>-<n>}. */
public final class OwnPool {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private OwnPool() {
    }

    public static ExecutorService create(String purpose) {
        String prefix = "ojs-" + purpose + "-" + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(named);
    }
}
