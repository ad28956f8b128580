package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
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
import org.openjobspec.ee.internal.worker.WorkerJob;

/**
 * Calls one handler method: binds the job's args to its parameters with JSON-B, invokes it on the bean's
 * contextual reference (so interceptors apply) and turns the return value into the job's JSON result.
 */
final class HandlerInvoker {

    private final Bean<?> bean;
    private final Type referenceType;
    private final Method method;
    private final ArgsBinding binding;
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
        this.binding = new ArgsBinding(method, describe(), jsonb);
        this.async = CompletionStage.class.isAssignableFrom(method.getReturnType());
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    }

    CompletionStage<JsonValue> invoke(BeanContainer container, WorkerJob job, JobContext context) throws Exception {
        Object[] params = binding.bind(job.args(), context);
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
