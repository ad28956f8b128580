package org.openjobspec.ee.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * An error as stored on a job ({@code error}, {@code errors[]}) and as sent in a NACK.
 *
 * <p>When sending, fill {@code code} (handler_error, timeout, cancelled, x_...), {@code type} (what
 * {@code non_retryable_errors} is matched against), {@code message}, {@code retryable} and optionally
 * {@code details} (e.g. {@code error_class}, {@code backtrace}); servers differ in which they read.
 *
 * @param code       error code
 * @param type       error type / class name
 * @param message    human-readable message
 * @param retryable  whether the failure may be retried
 * @param details    free details object
 * @param attempt    attempt the error belongs to (error history)
 * @param occurredAt when it happened (error history)
 */
public record JobError(
        String code,
        String type,
        String message,
        Boolean retryable,
        JsonObject details,
        Integer attempt,
        @JsonbProperty("occurred_at") @JsonbTypeAdapter(Rfc3339.class) Instant occurredAt) {

    /** An error to send in a NACK. */
    public static JobError of(String code, String type, String message, boolean retryable, JsonObject details) {
        return new JobError(code, type, message, retryable, details, null, null);
    }
}
