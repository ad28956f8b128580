package org.openjobspec.ee;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The job a handler is running. Declare it as a {@link JobHandler} method parameter, or inject it into an
 * interceptor or any request-scoped collaborator while a job runs.
 */
public interface JobContext {

    /** The job's id (a UUIDv7 on OJS servers). */
    String jobId();

    /** The job's type, for example {@code "email.send"}. */
    String jobType();

    /** The queue the job was fetched from. */
    String queue();

    /**
     * This delivery's attempt number as the server reports it: 1 on the first delivery on most servers, but some
     * count from 0. Do not let handler logic depend on the first value.
     */
    int attempt();

    /** The maximum number of attempts from the job's retry policy, or 0 when the server did not say. */
    int maxAttempts();

    /** The job's raw {@code args} array, exactly as received. */
    JsonArray args();

    /** The job's {@code meta} object (trace context, tenant, ...); empty when the job has none. */
    JsonObject meta();

    /** The workflow this job is a step of, if any. */
    Optional<String> workflowId();

    /**
     * Results of earlier workflow steps, as the server sends them (an array on the reference server, an object
     * keyed by step index in the spec), or {@link JsonValue#NULL} when there are none.
     */
    JsonValue parentResults();

    /** The id this worker uses towards the server. */
    String workerId();

    /**
     * Asks the worker to send a heartbeat for its running jobs now, extending their leases. Long handlers need not
     * call it (the worker heartbeats on its own interval); it is there for handlers that block past a lease.
     */
    void heartbeat();

    /**
     * Reports how far the job is, for people and programs watching it (OJS progress extension: the server shows it
     * on the job and sends a {@code job.progress} event on the job's event stream). The fraction is clamped to 0..1;
     * a value lower than the last one is ignored by the server.
     *
     * <p>Call it as often as is convenient: it returns at once, never waits for the server and never fails the job.
     * The worker sends at most one report a second per job, the latest value winning, on its own threads; a report
     * counts as a heartbeat for the job. A server without the extension (404 or 405) is noticed at the first report
     * and not asked again. The default does nothing, for implementations with no server to tell (test doubles).
     *
     * @param fraction how much is done, from 0.0 (nothing) to 1.0 (all)
     * @param message  what the job is doing now, for example {@code "exported 500 of 1000 rows"}, or null
     */
    default void progress(double fraction, String message) {
    }

    /** {@link #progress(double, String)} without a message. */
    default void progress(double fraction) {
        progress(fraction, null);
    }

    /**
     * True once the job no longer belongs to this handler: cancelled on the server, taken back after its lease
     * ended, timed out locally, or released because the application is stopping. A cooperative handler checks it
     * between steps and returns early; whatever it returns then is discarded.
     */
    boolean isCancelled();
}
