package org.openjobspec.ee;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Positional job arguments: each value becomes one element of the job's {@code args} array, and a
 * {@code @JobHandler} method receives element {@code i} as its parameter {@code i}.
 *
 * <pre>{@code ojs.enqueue("report.build", JobArgs.of(customerId, LocalDate.now().toString()));}</pre>
 *
 * Without {@code JobArgs}, a single value (record, POJO, map, string, number) is sent as a one-element
 * array, a {@link jakarta.json.JsonArray} is sent as it is, and {@code null} is sent as {@code []}.
 */
public final class JobArgs {

    private final List<Object> values;

    private JobArgs(List<Object> values) {
        this.values = values;
    }

    /** The given values, in order; {@code null} elements are sent as JSON {@code null}. */
    public static JobArgs of(Object... positional) {
        List<Object> copy = new ArrayList<>();
        if (positional != null) {
            Collections.addAll(copy, positional);
        }
        return new JobArgs(Collections.unmodifiableList(copy));
    }

    /** The values (unmodifiable, may contain {@code null}). */
    public List<Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "JobArgs[" + values.size() + " values]";
    }
}
