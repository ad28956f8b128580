package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.NonRetryableException;
import org.openjobspec.ee.model.WireJson;
import org.openjobspec.ee.internal.worker.ArgumentBindingException;
import org.openjobspec.ee.internal.worker.WorkerJob;

/**
 * Calls one handler method: binds the job's args to its parameters with JSON-B, invokes it on the bean's
 * contextual reference (so interceptors apply) and turns the return value into the job's JSON result.
 */
final class HandlerInvoker {

    private enum Source { CONTEXT, WHOLE_ARGS, ARG }

    private final Bean<?> bean;
    private final Type referenceType;
    private final Method method;
    private final Source[] sources;
    private final int[] argIndex;
    private final Type[] types;
    private final Jsonb jsonb;
    private final boolean async;

    HandlerInvoker(Bean<?> bean, Method method, Jsonb jsonb) {
        this.bean = bean;
        this.method = method;
        this.jsonb = jsonb;
        this.referenceType = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            method.setAccessible(true);
        }
        Type[] generic = method.getGenericParameterTypes();
        Class<?>[] raw = method.getParameterTypes();
        this.types = generic;
        this.sources = new Source[raw.length];
        this.argIndex = new int[raw.length];
        long bound = java.util.Arrays.stream(raw).filter(c -> c != JobContext.class).count();
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
        this.async = CompletionStage.class.isAssignableFrom(method.getReturnType());
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    }

    CompletionStage<JsonValue> invoke(BeanContainer container, WorkerJob job, JobContext context) throws Exception {
        Object[] params = bind(job, context);
        CreationalContext<?> cc = container.createCreationalContext(bean);
        boolean released = false;
        try {
            Object reference = container.getReference(bean, referenceType, cc);
            Object returned = method.invoke(reference, params);
            if (async) {
                if (returned == null) {
                    throw new NonRetryableException(describe() + " returned a null CompletionStage");
                }
                released = true;
                return ((CompletionStage<?>) returned).handle((value, error) -> {
                    cc.release();
                    if (error != null) {
                        throw error instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(error);
                    }
                    return toJson(value);
                });
            }
            return CompletableFuture.completedFuture(toJson(returned));
        } finally {
            if (!released) {
                cc.release();
            }
        }
    }

    private Object[] bind(WorkerJob job, JobContext context) {
        JsonArray args = job.args();
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
                        + ") of " + describe() + "; the job has " + args.size() + " arg(s)", null);
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
                    + element.getValueType().name().toLowerCase(java.util.Locale.ROOT) + ") to parameter "
                    + (position + 1) + " (" + type.getTypeName() + ") of " + describe() + ": " + e.getMessage(), e);
        }
    }

    private JsonValue toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        String text;
        try {
            text = jsonb.toJson(value);
        } catch (RuntimeException e) {
            // the work is done; running it again would not make its result serializable
            throw new NonRetryableException("The result of " + describe() + " (" + value.getClass().getName()
                    + ") cannot be serialized with JSON-B: " + e.getMessage(), e);
        }
        try (var reader = WireJson.provider().createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
