package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Objects;

/** A job as the engine sees it once fetched: only what dispatch and the handler's context need. */
public record WorkerJob(String id, String type, String queue, int attempt, int maxAttempts, JsonArray args,
                       JsonObject meta, JsonValue parentResults, String workflowId) {

    public WorkerJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        queue = queue == null ? "default" : queue;
        args = args == null ? JsonValue.EMPTY_JSON_ARRAY : args;
        meta = meta == null ? JsonValue.EMPTY_JSON_OBJECT : meta;
        parentResults = parentResults == null ? JsonValue.NULL : parentResults;
    }
}
