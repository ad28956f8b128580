package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    /** The keys of a heartbeat that say who the worker is (worker protocol §3.1, §4.2), with their JSON types. */
    static final Map<String, JsonValue.ValueType> IDENTITY = orderedIdentity();

    static final class Worker {
        final String id;
        /** The identity keys of its last heartbeat that had any; empty until one had. */
        JsonObject identity = JsonValue.EMPTY_JSON_OBJECT;
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

    private static Map<String, JsonValue.ValueType> orderedIdentity() {
        Map<String, JsonValue.ValueType> keys = new LinkedHashMap<>();
        keys.put("hostname", JsonValue.ValueType.STRING);
        keys.put("pid", JsonValue.ValueType.NUMBER);
        keys.put("queues", JsonValue.ValueType.ARRAY);
        keys.put("concurrency", JsonValue.ValueType.NUMBER);
        keys.put("labels", JsonValue.ValueType.ARRAY);
        keys.put("started_at", JsonValue.ValueType.STRING);
        return Collections.unmodifiableMap(keys);
    }

    Beat heartbeat(String workerId, List<String> activeIds, Long visibilityMs, String reportedState,
                   JsonObject identity, long now) {
        Worker w = seen(workerId, now);
        if (!identity.isEmpty()) {
            w.identity = identity;
        }
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
