package org.openjobspec.ee;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which events {@link OjsClient#subscribe(EventFilter, java.util.function.Consumer,
 * java.util.function.Consumer) subscribe} delivers, and from where. Immutable: start from {@link #all()} and chain.
 *
 * <pre>{@code EventFilter.all().types("job.completed", "job.discarded").queues("email")}</pre>
 *
 * Each list keeps events that match one of its entries; lists left unset do not filter. By default the subscription
 * starts now: it delivers the events that happen after {@code subscribe} returns.
 */
public final class EventFilter {

    private static final EventFilter ALL = new EventFilter(null, null, null, null, Duration.ofSeconds(1));

    private final List<String> types;
    private final List<String> queues;
    private final List<String> jobTypes;
    private final String after;
    private final Duration pollInterval;

    private EventFilter(List<String> types, List<String> queues, List<String> jobTypes, String after,
                        Duration pollInterval) {
        this.types = types;
        this.queues = queues;
        this.jobTypes = jobTypes;
        this.after = after;
        this.pollInterval = pollInterval;
    }

    /** Every event, from now on. */
    public static EventFilter all() {
        return ALL;
    }

    /** Only events of these types, e.g. {@code job.completed}, {@code job.failed}, {@code job.enqueued}. */
    public EventFilter types(String... eventTypes) {
        return new EventFilter(list(eventTypes), queues, jobTypes, after, pollInterval);
    }

    /** Only events of jobs on these queues. */
    public EventFilter queues(String... queueNames) {
        return new EventFilter(types, list(queueNames), jobTypes, after, pollInterval);
    }

    /** Only events of jobs of these job types, e.g. {@code email.send}. */
    public EventFilter jobTypes(String... types) {
        return new EventFilter(this.types, queues, list(types), after, pollInterval);
    }

    /**
     * Start after this event instead of now: pass the {@link org.openjobspec.ee.model.JobEvent#eventId()} of the last
     * event handled to resume where an earlier subscription stopped, without a gap, as far as the server still keeps
     * its events. {@code null} starts now.
     */
    public EventFilter after(String eventId) {
        return new EventFilter(types, queues, jobTypes, eventId, pollInterval);
    }

    /** How long to wait before asking the server again when it had nothing new (default 1 second). */
    public EventFilter pollInterval(Duration interval) {
        return new EventFilter(types, queues, jobTypes, after, Objects.requireNonNull(interval, "interval"));
    }

    private static List<String> list(String[] values) {
        return List.of(Objects.requireNonNull(values, "values"));
    }

    /** Event types kept, {@code null} for all. */
    public List<String> types() {
        return types;
    }

    /** Queues kept, {@code null} for all. */
    public List<String> queues() {
        return queues;
    }

    /** Job types kept, {@code null} for all. */
    public List<String> jobTypes() {
        return jobTypes;
    }

    /** The event to start after, {@code null} for now. */
    public String after() {
        return after;
    }

    public Duration pollInterval() {
        return pollInterval;
    }
}
