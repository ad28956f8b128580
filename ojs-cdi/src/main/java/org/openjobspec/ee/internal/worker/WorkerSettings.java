package org.openjobspec.ee.internal.worker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs to know about how to run. Values are validated by whoever builds it (the CDI layer
 * reads them from MicroProfile Config); the constructor only guards against nonsense that would hang the engine.
 * With {@code wakeOnEvents} the engine also fetches as soon as its transport reports activity on a queue
 * ({@link WorkerTransport#watchQueues}); the poll interval stays the safety net.
 */
public record WorkerSettings(List<String> queues, int concurrency, Duration pollInterval, Duration heartbeatInterval,
                             Duration gracePeriod, Duration visibilityTimeout, String workerId,
                             Map<String, String> labels, Duration backoffMax, Map<String, HandlerLimits> handlers,
                             boolean wakeOnEvents) {

    /** Per-job-type limits: a concurrency below the worker's, and a local execution timeout; null = none. */
    public record HandlerLimits(Integer concurrency, Duration timeout) {
    }

    public WorkerSettings {
        queues = List.copyOf(queues);
        if (queues.isEmpty() || concurrency < 1) {
            throw new IllegalArgumentException("at least one queue and a concurrency of at least 1 are needed");
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(workerId, "workerId");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels)); // as configured
        backoffMax = backoffMax == null ? Duration.ofSeconds(30) : backoffMax;
        handlers = handlers == null ? Map.of() : Map.copyOf(handlers);
    }

    public HandlerLimits limitsFor(String jobType) {
        return handlers.get(jobType);
    }
}
