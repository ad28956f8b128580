package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * {@code POST /ojs/v1/jobs} body (also each element of a batch).
 *
 * @param id      client-chosen UUIDv7 (lowercase), or {@code null} to let the server choose
 * @param type    job type
 * @param args    positional arguments; always an array
 * @param meta    metadata object
 * @param schema  schema URI
 * @param options enqueue options
 */
public record EnqueueRequest(String id, String type, JsonArray args, JsonObject meta, String schema, JobOptions options) {
}
