package org.openjobspec.ee.model;

/** Answer of workflow create, get and cancel. @param workflow the workflow */
public record WorkflowResponse(WorkflowStatus workflow) {
}
