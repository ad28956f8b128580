package org.openjobspec.ee.error;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of every OJS failure (unchecked).
 *
 * <p>Catch a subtype to act on a specific case ({@link OjsNotFoundException},
 * {@link OjsDuplicateException}, {@link OjsRateLimitedException}, ...), or use {@link #isRetryable()}
 * and {@link #retryAfter()} to decide whether and when to try again.
 */
public class OjsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorInfo info;

    public OjsException(ErrorInfo info) {
        this(info, null);
    }

    public OjsException(ErrorInfo info, Throwable cause) {
        super(describe(Objects.requireNonNull(info, "info")), cause);
        this.info = info;
    }

    /** Server error code ({@code not_found}, {@code duplicate}, ...) or client message id ({@code OJS-CLI-nnnn}). */
    public String code() {
        return info.code();
    }

    /** The message as the server (or client check) gave it, without code and request id. */
    public String errorMessage() {
        return info.message();
    }

    /** Whether repeating the same call may succeed (honours the server's {@code retryable} flag). */
    public boolean isRetryable() {
        return info.retryable();
    }

    /** Request id of the failed exchange, or {@code null} when there was no answer. */
    public String requestId() {
        return info.requestId();
    }

    /** HTTP status of the answer; 0 when no answer was received (connection failure, client-side check). */
    public int httpStatus() {
        return info.httpStatus();
    }

    /** How long the server asked to wait before retrying ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(info.retryAfter());
    }

    /** {@code error.details} from the server; empty object when absent. */
    public JsonObject details() {
        return info.details();
    }

    /** {@code error.type} from the server (e.g. {@code validation_error}). */
    public Optional<String> errorType() {
        return Optional.ofNullable(info.type());
    }

    /** All facts at once. */
    public ErrorInfo info() {
        return info;
    }

    private static String describe(ErrorInfo info) {
        StringBuilder text = new StringBuilder();
        boolean messageHasId = info.message().startsWith(info.code());
        if (!messageHasId) {
            text.append(info.code()).append(": ");
        }
        text.append(info.message());
        if (info.httpStatus() > 0) {
            text.append(" (HTTP ").append(info.httpStatus());
            if (info.requestId() != null) {
                text.append(", request ").append(info.requestId());
            }
            text.append(')');
        }
        return text.toString();
    }
}
