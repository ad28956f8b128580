package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.openjobspec.ee.NonRetryable;
import org.openjobspec.ee.model.WireJson;

/** Turns what a handler threw into the error sent with a nack. */
public final class Failures {

    private static final int MAX_FRAMES = 50;

    private Failures() {
    }

    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException || current instanceof UndeclaredThrowableException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Non-retryable when the exception or any of its causes is of a {@link NonRetryable} class. */
    public static boolean isNonRetryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().isAnnotationPresent(NonRetryable.class)) {
                return true;
            }
        }
        return false;
    }

    public static Failure of(Throwable thrown) {
        Throwable t = unwrap(thrown);
        String code = t instanceof ArgumentBindingException ? Failure.INVALID_ARGS : Failure.HANDLER_ERROR;
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new Failure(code, t.getClass().getName(), message, !isNonRetryable(t), details(t));
    }

    static JsonObject details(Throwable t) {
        JsonArrayBuilder frames = WireJson.provider().createArrayBuilder();
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(MAX_FRAMES, trace.length); i++) {
            frames.add(trace[i].toString());
        }
        return WireJson.provider().createObjectBuilder()
                .add("error_class", t.getClass().getName())
                .add("backtrace", frames)
                .build();
    }
}
