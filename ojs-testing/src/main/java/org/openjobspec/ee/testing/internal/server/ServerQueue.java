package org.openjobspec.ee.testing.internal.server;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;

/** Per-queue ready set (priority desc, then FIFO), state counters, pause flag and rate limit. */
final class ServerQueue {
    static final Comparator<StoredJob> READY_ORDER =
            Comparator.<StoredJob>comparingInt(j -> -j.priorityKey).thenComparingLong(j -> j.seq);

    final String name;
    final long createdAt;
    final TreeSet<StoredJob> ready = new TreeSet<>(READY_ORDER);
    final int[] counts = new int[JobState.values().length];
    long completedTotal;
    boolean paused;
    Double ratePerSecond;
    final ArrayDeque<Long> recentFetches = new ArrayDeque<>();

    ServerQueue(String name, long createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    /** Sliding-window rate limit: at most max(1, floor(rate)) fetches per window of max(1 s, 1/rate). */
    boolean rateAllows(long now) {
        if (ratePerSecond == null) {
            return true;
        }
        long window = ratePerSecond >= 1 ? 1000 : Math.round(1000 / ratePerSecond);
        int limit = ratePerSecond >= 1 ? (int) Math.floor(ratePerSecond) : 1;
        while (!recentFetches.isEmpty() && recentFetches.peekFirst() <= now - window) {
            recentFetches.pollFirst();
        }
        return recentFetches.size() < limit;
    }

    void recordFetch(long now) {
        if (ratePerSecond != null) {
            recentFetches.addLast(now);
        }
    }

    int count(JobState s) {
        return counts[s.ordinal()];
    }
}
