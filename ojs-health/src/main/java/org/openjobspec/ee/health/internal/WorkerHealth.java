package org.openjobspec.ee.health.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjobspec.ee.internal.worker.Worker;
import org.openjobspec.ee.internal.worker.WorkerVitals;

/**
 * The three verdicts on a worker, decided from its vitals alone (no call to the OJS server), free of MicroProfile
 * Health types so that they can be read and tested on their own. An application without a worker (client only,
 * no handlers, or {@code ojs.worker.enabled=false}) has nothing that could be unhealthy: every check is UP with
 * {@code worker: none}.
 */
public final class WorkerHealth {

    /** The name of every OJS check, as it appears in the health report. */
    public static final String CHECK_NAME = "ojs-worker";

    /** A check's outcome: UP or DOWN, the data to report, and in {@code data} under "reason" why it is DOWN. */
    public record Verdict(boolean up, Map<String, Object> data) {
        public Verdict {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data)); // in the order given, for people
        }
    }

    private WorkerHealth() {
    }

    /**
     * DOWN before the worker has started, while it is quiet, draining or stopped, and while the server has not
     * answered it for longer than {@link HealthSettings#unreachableAfter()} (counted from the start if it never has).
     */
    public static Verdict readiness(boolean startDone, Optional<WorkerVitals> vitals, HealthSettings settings) {
        if (!startDone) {
            return down(Map.of("worker", "starting"), "the worker has not started yet");
        }
        if (vitals.isEmpty()) {
            return noWorker();
        }
        WorkerVitals v = vitals.get();
        Map<String, Object> data = data(v);
        return switch (v.state()) {
            case QUIET -> down(data, "the OJS server asked the worker to be quiet");
            case DRAINING -> down(data, "the worker is stopping and draining its jobs");
            case STOPPED -> down(data, "the worker has stopped");
            case NEW -> down(data, "the worker has not started yet");
            case RUNNING -> v.sinceServerContact().compareTo(settings.unreachableAfter()) > 0
                    ? down(data, "no answer from the OJS server for " + v.sinceServerContact() + " (more than "
                            + settings.unreachableAfter() + ")")
                    : new Verdict(true, data);
        };
    }

    /**
     * DOWN when the worker's loop has not gone round for longer than {@link HealthSettings#stallAfter()} while it
     * should be running (running, quiet or draining: it goes round at least once per heartbeat interval then).
     */
    public static Verdict liveness(Optional<WorkerVitals> vitals, HealthSettings settings) {
        if (vitals.isEmpty()) {
            return noWorker();
        }
        WorkerVitals v = vitals.get();
        Map<String, Object> data = data(v);
        data.put("since-loop-progress", v.sinceLoopProgress().toString());
        boolean shouldRun = v.state() != Worker.State.NEW && v.state() != Worker.State.STOPPED;
        if (shouldRun && v.sinceLoopProgress().compareTo(settings.stallAfter()) > 0) {
            return down(data, "the worker's loop has made no progress for " + v.sinceLoopProgress()
                    + " (more than " + settings.stallAfter() + ")");
        }
        return new Verdict(true, data);
    }

    /** UP once handlers and configuration were validated and the worker, if there is one, has started. */
    public static Verdict startup(boolean startDone, Optional<WorkerVitals> vitals) {
        if (!startDone) {
            return down(Map.of("worker", "starting"), "the worker has not started yet");
        }
        return vitals.map(v -> new Verdict(true, data(v))).orElseGet(WorkerHealth::noWorker);
    }

    private static Verdict noWorker() {
        return new Verdict(true, Map.of("worker", "none"));
    }

    private static Verdict down(Map<String, Object> data, String reason) {
        Map<String, Object> withReason = new LinkedHashMap<>(data);
        withReason.put("reason", reason);
        return new Verdict(false, withReason);
    }

    private static Map<String, Object> data(WorkerVitals v) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("worker", v.workerId());
        data.put("state", v.state().name().toLowerCase(Locale.ROOT));
        data.put("jobs-in-flight", (long) v.heldJobs());
        data.put("concurrency", (long) v.concurrency());
        data.put("last-server-contact", v.lastServerContact() == null ? "never" : v.lastServerContact().toString());
        return data;
    }
}
