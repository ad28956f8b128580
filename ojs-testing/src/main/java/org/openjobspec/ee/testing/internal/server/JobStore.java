package org.openjobspec.ee.testing.internal.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Jobs, queues and the indices over them (due times, TTLs, active leases, unique keys, dead letter, retention).
 * {@link #transition} is the single place where a job changes state, so indices and counters stay in step; no
 * method scans all jobs. Guarded by the {@link ServerState} monitor.
 */
final class JobStore {
    private record Retained(StoredJob job, long at) {
    }

    final Map<String, StoredJob> jobs = new HashMap<>();
    final Map<String, ServerQueue> queues = new TreeMap<>();
    final TreeSet<StoredJob> delayed = new TreeSet<>(
            Comparator.<StoredJob>comparingLong(j -> j.dueAt).thenComparingLong(j -> j.seq));
    final TreeSet<StoredJob> expiring = new TreeSet<>(
            Comparator.<StoredJob>comparingLong(j -> j.expiresAt).thenComparingLong(j -> j.seq));
    final Set<StoredJob> active = new LinkedHashSet<>();
    final Map<String, List<StoredJob>> uniqueIndex = new HashMap<>();
    final Map<String, StoredJob> deadLetter = new LinkedHashMap<>();
    /** Active jobs per rate-limit key, for keys with a concurrency. */
    private final Map<String, Integer> activeByLimitKey = new HashMap<>();
    private final ArrayDeque<Retained> retention = new ArrayDeque<>();
    private final Streams streams;
    /** Told when a workflow member reaches a terminal state (set once by {@link ServerState}). */
    private BiConsumer<StoredJob, Long> workflowMemberFinished = (j, now) -> {
    };
    private long seq;
    long retentionMs = 3_600_000;
    int retentionCap = 100_000;

    JobStore(Streams streams) {
        this.streams = streams;
    }

    void onWorkflowMemberFinished(BiConsumer<StoredJob, Long> listener) {
        this.workflowMemberFinished = listener;
    }

    long nextSeq() {
        return seq++;
    }

    StoredJob get(String id) {
        return jobs.get(id);
    }

    ServerQueue queue(String name, long now) {
        return queues.computeIfAbsent(name, n -> new ServerQueue(n, now));
    }

    void add(StoredJob j, long now) {
        jobs.put(j.id, j);
        if (j.uniqueKey != null) {
            uniqueIndex.computeIfAbsent(j.uniqueKey, k -> new ArrayList<>()).add(j);
        }
        if (j.expiresAt != null) {
            expiring.add(j);
        }
        queue(j.queue, now);
    }

    /** Drops a job for good (purge, dead-letter delete); its state stays counted nowhere. */
    void remove(StoredJob j) {
        jobs.remove(j.id);
        ServerQueue q = queues.get(j.queue);
        if (q != null) {
            q.counts[j.state.ordinal()]--;
        }
    }

    long deadLettered(String queue) {
        return deadLetter.values().stream().filter(j -> j.queue.equals(queue)).count();
    }

    int activeJobsOf(String workerId) {
        int n = 0;
        for (StoredJob j : active) {
            if (workerId.equals(j.workerId)) {
                n++;
            }
        }
        return n;
    }

    void transition(StoredJob j, JobState to, long now) {
        JobState from = j.state;
        ServerQueue q = queue(j.queue, now);
        if (from != null) {
            q.counts[from.ordinal()]--;
            switch (from) {
                case AVAILABLE -> q.ready.remove(j);
                case SCHEDULED, RETRYABLE -> delayed.remove(j);
                case ACTIVE -> {
                    active.remove(j);
                    if (j.limitKey != null) {
                        activeByLimitKey.computeIfPresent(j.limitKey, (k, n) -> n > 1 ? n - 1 : null);
                    }
                }
                default -> {
                }
            }
        }
        j.state = to;
        q.counts[to.ordinal()]++;
        switch (to) {
            case AVAILABLE -> q.ready.add(j);
            case SCHEDULED, RETRYABLE -> delayed.add(j);
            case ACTIVE -> {
                active.add(j);
                if (j.limitKey != null) {
                    activeByLimitKey.merge(j.limitKey, 1, Integer::sum);
                }
                if (j.expiresAt != null) {
                    expiring.remove(j); // a started job is no longer subject to its TTL
                }
            }
            default -> {
            }
        }
        if (to.terminal()) {
            if (j.expiresAt != null) {
                expiring.remove(j);
            }
            if (to == JobState.COMPLETED) {
                q.completedTotal++;
            }
            if (!j.deadLettered) {
                retention.addLast(new Retained(j, now));
            }
        }
        streams.stateChanged(j, from, to, now);
        if (to.terminal() && j.workflowId != null) {
            workflowMemberFinished.accept(j, now);
        }
    }

    /** Tells the job's event streams about a progress report. */
    void progressed(StoredJob j, long now) {
        streams.progressed(j, now);
    }

    /** Forgets terminal jobs older than the retention time or beyond the cap (oldest first). */
    void purge(long now) {
        while (!retention.isEmpty()) {
            Retained r = retention.peekFirst();
            boolean current = jobs.get(r.job.id) == r.job && r.job.state.terminal() && !r.job.deadLettered;
            if (current && now - r.at < retentionMs && retention.size() <= retentionCap) {
                break;
            }
            retention.pollFirst();
            if (current && (r.job.completedAt == null || r.job.completedAt <= r.at)
                    && (r.job.cancelledAt == null || r.job.cancelledAt <= r.at)) {
                remove(r.job);
            }
        }
    }

    /** Whether starting {@code j} keeps its rate-limit key within its concurrency. */
    boolean hasSlot(StoredJob j) {
        return j.limitKey == null || activeByLimitKey.getOrDefault(j.limitKey, 0) < j.limitConcurrency;
    }

    void clear() {
        activeByLimitKey.clear();
        jobs.clear();
        queues.clear();
        delayed.clear();
        expiring.clear();
        active.clear();
        uniqueIndex.clear();
        deadLetter.clear();
        retention.clear();
    }
}
