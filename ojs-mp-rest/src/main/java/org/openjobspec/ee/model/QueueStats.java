package org.openjobspec.ee.model;

import jakarta.json.JsonObject;

/**
 * Queue statistics and pause state, read from either shape servers use (see {@link QueueAnswer}).
 * Counters are {@code null} when the server did not report them.
 *
 * @param name      queue name
 * @param paused    whether the queue is paused
 * @param available jobs ready to fetch
 * @param active    jobs being worked on
 * @param scheduled jobs waiting for their time
 * @param retryable jobs waiting for a retry
 * @param discarded discarded jobs
 * @param completed completed jobs (reference servers) or completed in the last hour (spec)
 * @param raw       the statistics object as received, for counters not modelled here
 */
public record QueueStats(
        String name,
        boolean paused,
        Long available,
        Long active,
        Long scheduled,
        Long retryable,
        Long discarded,
        Long completed,
        JsonObject raw) {
}
