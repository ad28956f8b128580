package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;

/** Runs one job's handler. Supplied by the CDI layer (or a test). */
public interface JobDispatcher {

    /** Whether a handler exists for this job type. */
    boolean handles(String jobType);

    /**
     * Runs the handler for {@code job} on the calling thread. Synchronous handlers return a completed stage.
     * Failures may be thrown or returned as an exceptionally completed stage.
     *
     * @return the job's result as JSON ({@code null} or {@link JsonValue#NULL} for none)
     */
    CompletionStage<JsonValue> dispatch(WorkerJob job, JobContext context) throws Exception;
}
