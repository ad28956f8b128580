package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Batch callbacks: jobs enqueued when every member of the batch is terminal.
 *
 * @param onComplete always
 * @param onSuccess  when all members succeeded
 * @param onFailure  when at least one failed
 */
public record WorkflowCallbacks(
        @JsonbProperty("on_complete") WorkflowJob onComplete,
        @JsonbProperty("on_success") WorkflowJob onSuccess,
        @JsonbProperty("on_failure") WorkflowJob onFailure) {
}
