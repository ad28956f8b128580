package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The job a cron entry enqueues on each tick.
 *
 * @param type    job type
 * @param args    arguments
 * @param meta    metadata
 * @param options options
 */
public record JobTemplate(String type, JsonArray args, JsonObject meta, JobOptions options) {
}
