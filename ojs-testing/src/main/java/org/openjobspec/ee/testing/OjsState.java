package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import org.openjobspec.ee.testing.internal.server.ServerState;

/**
 * The data of an {@link EmbeddedOjsServer} (jobs, queues, crons, workflows, workers, events), apart from its HTTP
 * listener and threads. Hand it to a new server to simulate a restart with the data intact:
 * <pre>{@code
 * OjsState state = ojs.state();
 * ojs.stop();
 * ojs = EmbeddedOjsServer.builder().port(port).state(state).start();
 * }</pre>
 * Safe to use from any thread.
 */
public final class OjsState {
    private final ServerState state = new ServerState();

    /** An empty state, for {@link EmbeddedOjsServer.Builder#state(OjsState)}; a builder without one makes its own. */
    public OjsState() {
    }

    ServerState engine() {
        return state;
    }

    /** Keep finished jobs this long (ms) and at most this many, oldest dropped first; dead-lettered jobs stay. */
    public void retention(long millis, int cap) {
        state.retention(millis, cap);
    }

    /** Drops all jobs, queues, crons, workflows, workers and events; open event streams are closed. */
    public void reset() {
        state.reset();
    }

    /**
     * The job as {@code GET /ojs/v1/jobs/{id}} answers it: {@code {"job": {...}}}.
     *
     * @throws RuntimeException when the server holds no job with that id
     */
    public JsonObject get(String id) {
        return state.get(id);
    }

    /** Jobs held, finished ones not yet purged included. */
    public int jobCount() {
        return state.jobCount();
    }
}
