package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code POST /ojs/v1/workflows} body in the shape servers accept ({@code type} + {@code steps} for a
 * chain, {@code type} + {@code jobs} for a group or batch), not the DAG shape the official SDKs send.
 *
 * @param type      chain, group or batch
 * @param name      workflow name
 * @param steps     chain steps, in order
 * @param jobs      group or batch members
 * @param callbacks batch callbacks
 */
public record WorkflowRequest(String type, String name, List<WorkflowJob> steps, List<WorkflowJob> jobs,
                              WorkflowCallbacks callbacks) {
}
