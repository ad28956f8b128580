package org.openjobspec.ee;

import java.util.Objects;

/**
 * One job to create: type, args and options. Used for batch enqueue, workflow steps and cron templates.
 * Immutable. {@code args} follow the same rules as {@link OjsClient#enqueue(String, Object)}.
 */
public final class JobSpec {

    private final String type;
    private final Object args;
    private final EnqueueOptions options;
    private final String name;

    private JobSpec(String type, Object args, EnqueueOptions options, String name) {
        this.type = type;
        this.args = args;
        this.options = options == null ? EnqueueOptions.defaults() : options;
        this.name = name;
    }

    /** A job of {@code type} with {@code args} and default options. */
    public static JobSpec of(String type, Object args) {
        return new JobSpec(type, args, null, null);
    }

    /** A job of {@code type} with {@code args} and {@code options}. */
    public static JobSpec of(String type, Object args, EnqueueOptions options) {
        return new JobSpec(type, args, options, null);
    }

    /** The same job with other options. */
    public JobSpec options(EnqueueOptions value) {
        return new JobSpec(type, args, Objects.requireNonNull(value, "options"), name);
    }

    /** The same job with a step name (workflows). */
    public JobSpec named(String stepName) {
        return new JobSpec(type, args, options, stepName);
    }

    public String type() {
        return type;
    }

    public Object args() {
        return args;
    }

    public EnqueueOptions options() {
        return options;
    }

    /** Step name, or {@code null}. */
    public String name() {
        return name;
    }
}
