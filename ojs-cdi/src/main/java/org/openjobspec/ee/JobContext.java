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
     * True once the job no longer belongs to this handler: cancelled on the server, taken back after its lease
     * ended, timed out locally, or released because the application is stopping. A cooperative handler checks it
     * between steps and returns early; whatever it returns then is discarded.
     */
    boolean isCancelled();
}
