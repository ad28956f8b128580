package org.openjobspec.ee;

import java.time.Duration;
import java.util.Optional;

/**
 * Fired (synchronously, as a CDI event) after every attempt to run a handler, outside all middleware; an attempt
 * whose args could not be bound to the handler's parameters counts too.
 * Observe it to feed your metrics library:
 * <pre>{@code
 * void record(@Observes JobExecuted e) { registry.timer("ojs.job", "type", e.jobType()).record(e.duration()); }
 * }</pre>
 *
 * @param jobType  the job's type
 * @param queue    the queue it came from
 * @param attempt  the attempt number the server reported
 * @param duration how long the attempt took, binding the args included (until the handler's CompletionStage
 *                 completed, for async handlers)
 * @param failure  what the handler (or binding its args) threw, or null when it succeeded
 */
public record JobExecuted(String jobType, String queue, int attempt, Duration duration, Throwable failure) {

    public boolean succeeded() {
        return failure == null;
    }

    public Optional<Throwable> failureCause() {
        return Optional.ofNullable(failure);
    }
}
