package org.openjobspec.ee.internal.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a worker knows about its own health at one instant, read from memory without any call to the server, so a
 * health probe can ask as often as it likes.
 *
 * @param workerId           the id the worker sends to the server
 * @param state              its state
 * @param heldJobs           jobs fetched and not yet given back to the server
 * @param concurrency        the most jobs it holds at once
 * @param lastServerContact  when the server last answered a call of the worker (fetch, heartbeat, ack or nack)
 *                           with success; null if it never has
 * @param sinceServerContact how long ago that was; since the worker started if the server never answered (zero
 *                           before the start)
 * @param sinceLoopProgress  how long ago the coordinator loop last went round (zero before the start); it goes round
 *                           at least once per heartbeat interval, so a large value means it is stuck
 */
public record WorkerVitals(String workerId, Worker.State state, int heldJobs, int concurrency,
                           Instant lastServerContact, Duration sinceServerContact, Duration sinceLoopProgress) {

    public WorkerVitals {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sinceServerContact, "sinceServerContact");
        Objects.requireNonNull(sinceLoopProgress, "sinceLoopProgress");
    }
}
