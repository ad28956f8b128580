package org.openjobspec.ee.error;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;

/**
 * The facts behind an {@link OjsException}.
 *
 * @param code       server error code ({@code not_found}) or client message id ({@code OJS-CLI-nnnn})
 * @param message    the message without decoration
 * @param retryable  whether repeating the same call may succeed
 * @param httpStatus HTTP status of the answer, 0 when there was none
 * @param requestId  {@code X-Request-Id} / {@code error.request_id}, or {@code null}
 * @param retryAfter server's {@code Retry-After}, or {@code null}
 * @param details    {@code error.details} (empty when absent)
 * @param type       {@code error.type} (e.g. {@code validation_error}), or {@code null}
 */
public record ErrorInfo(
        String code,
        String message,
        boolean retryable,
        int httpStatus,
        String requestId,
        Duration retryAfter,
        JsonObject details,
        String type) {

    public ErrorInfo {
        code = code == null || code.isBlank() ? "unknown" : code;
        message = message == null ? "" : message;
        details = details == null ? JsonValue.EMPTY_JSON_OBJECT : details;
    }

    /** A client-side error without an HTTP exchange. */
    public static ErrorInfo client(String messageId, String message, boolean retryable) {
        return new ErrorInfo(messageId, message, retryable, 0, null, null, null, null);
    }
}
