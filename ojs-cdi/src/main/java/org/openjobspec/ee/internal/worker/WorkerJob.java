package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A job as the engine sees it once fetched: only what dispatch, the handler's context and observers need
 * ({@code enqueuedAt}, when the server said when the job became available, else null).
 */
public record WorkerJob(String id, String type, String queue, int attempt, int maxAttempts, JsonArray args,
                       JsonObject meta, JsonValue parentResults, String workflowId, Instant enqueuedAt) {

    /** A job whose enqueue time is unknown. */
    public WorkerJob(String id, String type, String queue, int attempt, int maxAttempts, JsonArray args,
                     JsonObject meta, JsonValue parentResults, String workflowId) {
        this(id, type, queue, attempt, maxAttempts, args, meta, parentResults, workflowId, null);
    }

    public WorkerJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        queue = queue == null ? "default" : queue;
        args = args == null ? JsonValue.EMPTY_JSON_ARRAY : args;
        meta = meta == null ? JsonValue.EMPTY_JSON_OBJECT : meta;
        parentResults = parentResults == null ? JsonValue.NULL : parentResults;
    }
}
