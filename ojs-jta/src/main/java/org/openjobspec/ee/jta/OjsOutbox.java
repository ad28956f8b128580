package org.openjobspec.ee.jta;

import java.util.List;

/**
 * The durable outbox, for operators: its failed rows (jobs the OJS server rejected for good, e.g. a 400 or 422
 * validation error) and putting them back in line. Inject it with {@code @Inject OjsOutbox}; every method throws
 * {@link IllegalStateException} when no outbox is configured ({@code ojs.outbox.datasource} unset).
 */
public interface OjsOutbox {

    /** How many rows wait to be sent. */
    long pending();

    /** The oldest {@code limit} failed rows, in insertion order, each with the server's error. */
    List<OutboxEntry> failed(int limit);

    /**
     * Makes the failed row of {@code jobId} pending again, at its old place in the order, and wakes the relay.
     * Returns false if there is no failed row with that job id. Fix what the server rejected first (the queue,
     * the server's schema, ...), or it fails again.
     */
    boolean retry(String jobId);

    /** Makes every failed row pending again and wakes the relay; returns how many. */
    int retryAllFailed();
}
