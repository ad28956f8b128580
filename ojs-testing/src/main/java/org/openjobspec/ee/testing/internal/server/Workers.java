package org.openjobspec.ee.testing.internal.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workers seen by fetch or heartbeat, their directives and lease extension. Guarded by the {@link ServerState}
 * monitor.
 */
final class Workers {
    /** A worker not heard from for this long counts as stale in the admin summary. */
    static final long STALE_MS = 30_000;

    static final class Worker {
        final String id;
        String reportedState = "running";
        String directive = "continue";
        long lastSeen;

        Worker(String id) {
            this.id = id;
        }
    }

    /** A heartbeat's answer: the directive and the jobs whose leases were extended. */
    record Beat(String directive, List<String> extended) {
    }

    private final Map<String, Worker> workers = new TreeMap<>();
    private final JobStore store;

    Workers(JobStore store) {
        this.store = store;
    }

    Worker seen(String id, long now) {
        Worker w = workers.computeIfAbsent(id, Worker::new);
        w.lastSeen = now;
        return w;
    }

    Beat heartbeat(String workerId, List<String> activeIds, Long visibilityMs, String reportedState, long now) {
        Worker w = seen(workerId, now);
        if (reportedState != null) {
            w.reportedState = reportedState;
        }
        String directive = w.directive;
        List<String> extended = new ArrayList<>();
        for (String id : activeIds) {
            StoredJob j = store.get(id);
            if (j == null || j.state != JobState.ACTIVE || (j.workerId != null && !j.workerId.equals(workerId))) {
                continue; // not ours any more: the worker learns it from jobs_extended
            }
            long lease = visibilityMs != null ? visibilityMs : j.leaseMs;
            j.visibleUntil = Math.max(j.visibleUntil, now + lease);
            extended.add(id);
            String test = j.testDirective();
            if ("terminate".equals(test) || ("quiet".equals(test) && directive.equals("continue"))) {
                directive = test;
            }
        }
        return new Beat(directive, extended);
    }

    /** Makes the worker's next heartbeats carry {@code quiet} or {@code terminate}. Never goes back. */
    Worker direct(String workerId, String directive) {
        Worker w = workers.computeIfAbsent(workerId, Worker::new);
        if (!"terminate".equals(w.directive)) {
            w.directive = directive;
        }
        return w;
    }

    Collection<Worker> all() {
        return workers.values();
    }

    void clear() {
        workers.clear();
    }
}
