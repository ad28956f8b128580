package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A job inside a workflow request: a chain step, a group/batch member, or a batch callback.
 *
 * @param name    optional step name
 * @param type    job type
 * @param args    positional arguments
 * @param meta    metadata
 * @param options options (servers honour at least queue and retry)
 */
public record WorkflowJob(String name, String type, JsonArray args, JsonObject meta, JobOptions options) {
}
