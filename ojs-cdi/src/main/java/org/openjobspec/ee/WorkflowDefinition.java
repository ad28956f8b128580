package org.openjobspec.ee;

import java.util.List;
import java.util.Objects;

/**
 * A workflow to create: a chain (steps run one after the other, each receiving the earlier results as
 * {@code parent_results}), a group (jobs run in parallel), or a batch (a group with callbacks fired when
 * all members are done). Immutable.
 *
 * <pre>{@code
 * WorkflowDefinition.batch("nightly-mail", JobSpec.of("email.send", "a@x"), JobSpec.of("email.send", "b@x"))
 *         .onComplete(JobSpec.of("mail.report", null))
 *         .onFailure(JobSpec.of("mail.alert", null));
 * }</pre>
 */
public final class WorkflowDefinition {

    /** The three workflow shapes. */
    public enum Kind {
        CHAIN, GROUP, BATCH
    }

    private final Kind kind;
    private final String name;
    private final List<JobSpec> jobs;
    private final JobSpec onComplete;
    private final JobSpec onSuccess;
    private final JobSpec onFailure;

    private WorkflowDefinition(Kind kind, String name, List<JobSpec> jobs, JobSpec onComplete, JobSpec onSuccess,
                               JobSpec onFailure) {
        this.kind = kind;
        this.name = name;
        this.jobs = jobs;
        this.onComplete = onComplete;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
    }

    /** Steps run in order; step n+1 starts when step n completed. */
    public static WorkflowDefinition chain(String name, JobSpec... steps) {
        return new WorkflowDefinition(Kind.CHAIN, name, copy(steps), null, null, null);
    }

    /** Jobs run independently and in parallel. */
    public static WorkflowDefinition group(String name, JobSpec... jobs) {
        return new WorkflowDefinition(Kind.GROUP, name, copy(jobs), null, null, null);
    }

    /** Like a group, with callbacks once every job is terminal. */
    public static WorkflowDefinition batch(String name, JobSpec... jobs) {
        return new WorkflowDefinition(Kind.BATCH, name, copy(jobs), null, null, null);
    }

    /** Batch only: enqueued when all jobs are terminal, whatever the outcome. */
    public WorkflowDefinition onComplete(JobSpec callback) {
        return new WorkflowDefinition(kind, name, jobs, callback, onSuccess, onFailure);
    }

    /** Batch only: enqueued when all jobs succeeded. */
    public WorkflowDefinition onSuccess(JobSpec callback) {
        return new WorkflowDefinition(kind, name, jobs, onComplete, callback, onFailure);
    }

    /** Batch only: enqueued when at least one job failed. */
    public WorkflowDefinition onFailure(JobSpec callback) {
        return new WorkflowDefinition(kind, name, jobs, onComplete, onSuccess, callback);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Chain steps or group/batch members, in order (may contain {@code null}, rejected when sent). */
    public List<JobSpec> jobs() {
        return jobs;
    }

    public JobSpec onComplete() {
        return onComplete;
    }

    public JobSpec onSuccess() {
        return onSuccess;
    }

    public JobSpec onFailure() {
        return onFailure;
    }

    private static List<JobSpec> copy(JobSpec[] items) {
        Objects.requireNonNull(items, "jobs");
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(items.clone()));
    }
}
