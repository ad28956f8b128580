package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * A workflow as servers report it: counts only ({@code steps_*} for chains, {@code jobs_*} for groups
 * and batches); the prose spec's per-step array is kept raw in {@code steps} when a server sends it.
 *
 * @param id             workflow id
 * @param name           name
 * @param type           chain, group or batch
 * @param state          running, completed, failed, cancelled (pending in the spec)
 * @param stepsTotal     chain: number of steps
 * @param stepsCompleted chain: completed steps
 * @param jobsTotal      group/batch: number of jobs
 * @param jobsCompleted  group/batch: completed jobs
 * @param jobsFailed     group/batch: failed jobs, when reported
 * @param callbacks      batch callbacks as stored
 * @param steps          spec shape per-step details, when sent
 * @param createdAt      creation time
 * @param completedAt    completion time
 */
public record WorkflowStatus(
        String id,
        String name,
        String type,
        String state,
        @JsonbProperty("steps_total") Integer stepsTotal,
        @JsonbProperty("steps_completed") Integer stepsCompleted,
        @JsonbProperty("jobs_total") Integer jobsTotal,
        @JsonbProperty("jobs_completed") Integer jobsCompleted,
        @JsonbProperty("jobs_failed") Integer jobsFailed,
        WorkflowCallbacks callbacks,
        JsonArray steps,
        @JsonbProperty("created_at") @JsonbTypeAdapter(Rfc3339.class) Instant createdAt,
        @JsonbProperty("completed_at") @JsonbTypeAdapter(Rfc3339.class) Instant completedAt) {

    /** Total members: chain steps or group/batch jobs. */
    public int total() {
        return stepsTotal != null ? stepsTotal : jobsTotal != null ? jobsTotal : steps != null ? steps.size() : 0;
    }

    /** Completed members: chain steps or group/batch jobs. */
    public int completed() {
        return stepsCompleted != null ? stepsCompleted : jobsCompleted != null ? jobsCompleted : 0;
    }
}
