package org.openjobspec.ee.internal.cdi;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.internal.worker.ArgumentBindingException;

/**
 * How a handler method's parameters are bound from a job's {@code args} with JSON-B: the worker's binding, also used
 * at deployment to check a {@code @Cron}'s fixed args against the method it schedules.
 */
final class ArgsBinding {

    private enum Source { CONTEXT, WHOLE_ARGS, ARG }

    private final String describe;
    private final Source[] sources;
    private final int[] argIndex;
    private final Type[] types;
    private final Jsonb jsonb;

    ArgsBinding(Method method, String describe, Jsonb jsonb) {
        this.describe = describe;
        this.jsonb = jsonb;
        Class<?>[] raw = method.getParameterTypes();
        this.types = method.getGenericParameterTypes();
        this.sources = new Source[raw.length];
        this.argIndex = new int[raw.length];
        long bound = Arrays.stream(raw).filter(c -> c != JobContext.class).count();
        int next = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == JobContext.class) {
                sources[i] = Source.CONTEXT;
            } else if (bound == 1 && raw[i] == JsonArray.class) {
                sources[i] = Source.WHOLE_ARGS;
            } else {
                sources[i] = Source.ARG;
                argIndex[i] = next++;
            }
        }
    }

    /** How many args the method takes: all of them for a single {@code JsonArray} parameter. */
    int capacity() {
        int n = 0;
        for (Source s : sources) {
            if (s == Source.WHOLE_ARGS) {
                return Integer.MAX_VALUE;
            }
            n += s == Source.ARG ? 1 : 0;
        }
        return n;
    }

    /** The method's arguments for {@code args}; {@code context} goes to a {@code JobContext} parameter. */
    Object[] bind(JsonArray args, JobContext context) {
        Object[] params = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            switch (sources[i]) {
                case CONTEXT -> params[i] = context;
                case WHOLE_ARGS -> params[i] = args;
                case ARG -> params[i] = bindOne(args, argIndex[i], types[i], i);
            }
        }
        return params;
    }

    private Object bindOne(JsonArray args, int index, Type type, int position) {
        JsonValue element = index < args.size() ? args.get(index) : JsonValue.NULL;
        boolean primitive = type instanceof Class<?> c && c.isPrimitive();
        if (element.getValueType() == JsonValue.ValueType.NULL) {
            if (primitive) {
                throw new ArgumentBindingException("Cannot bind " + (index < args.size() ? "null" : "a missing value")
                        + " args[" + index + "] to primitive parameter " + (position + 1) + " (" + type.getTypeName()
                        + ") of " + describe + "; the job has " + args.size() + " arg(s)", null);
            }
            return null;
        }
        if (type == JsonValue.class || (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c)
                && c.isInstance(element))) {
            return element;
        }
        try {
            return jsonb.fromJson(element.toString(), type);
        } catch (RuntimeException e) {
            throw new ArgumentBindingException("Cannot bind args[" + index + "] (a JSON "
                    + element.getValueType().name().toLowerCase(Locale.ROOT) + ") to parameter "
                    + (position + 1) + " (" + type.getTypeName() + ") of " + describe + ": " + e.getMessage(), e);
        }
    }
}
