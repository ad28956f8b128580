package org.openjobspec.ee.reliability.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every handler execution, by job id. In a worker JVM started by a test, each start is also printed as
 * {@code RAN <job id>} so the test JVM counts executions across processes, even after a kill -9.
 */
public final class Executions {

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    private static final boolean PRINT = Boolean.getBoolean("reliability.print-runs");

    private Executions() {
    }

    public static void record(String jobId) {
        RUNS.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet();
        if (PRINT) {
            System.out.println("RAN " + jobId);
        }
    }

    public static int runs(String jobId) {
        AtomicInteger n = RUNS.get(jobId);
        return n == null ? 0 : n.get();
    }

    public static int distinct() {
        return RUNS.size();
    }

    public static int total() {
        return RUNS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Executions beyond the first of each job. */
    public static int duplicates() {
        return total() - distinct();
    }

    public static void clear() {
        RUNS.clear();
    }
}
