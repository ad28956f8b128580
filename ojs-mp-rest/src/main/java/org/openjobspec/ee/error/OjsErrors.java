package org.openjobspec.ee.error;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.openjobspec.ee.model.WireJson;

/**
 * Turns whatever went wrong into the right {@link OjsException}: a server error answer (the
 * {@code {"error":{...}}} envelope, the unwrapped spec variant, or no JSON at all) or a Java exception
 * thrown by the HTTP stack.
 */
public final class OjsErrors {

    /** Connection refused, reset, unknown host or other I/O failure before an answer arrived. */
    public static final String TRANSPORT = Messages.CLI_0020.id();
    /** Connect or read timeout. */
    public static final String TIMEOUT = Messages.CLI_0021.id();
    /** The answer could not be read as the expected JSON. */
    public static final String MALFORMED = Messages.CLI_0022.id();
    /** Any other failure inside the HTTP client stack. */
    public static final String CLIENT_FAILURE = Messages.CLI_0023.id();

    private static final int MAX_BODY_IN_MESSAGE = 200;

    private OjsErrors() {
    }

    /**
     * Builds the exception for an error answer.
     *
     * @param status           HTTP status (at least 400)
     * @param body             the raw body, possibly {@code null}, empty or not JSON
     * @param requestIdHeader  the {@code X-Request-Id} response header, or {@code null}
     * @param retryAfterHeader the {@code Retry-After} response header, or {@code null}
     */
    public static OjsException fromResponse(int status, String body, String requestIdHeader, String retryAfterHeader) {
        JsonObject json = parseObject(body);
        JsonObject error = json == null ? null : errorObject(json);
        Duration retryAfter = parseRetryAfter(retryAfterHeader);
        String code;
        String message;
        Boolean retryable = null;
        String requestId = requestIdHeader;
        JsonObject details = null;
        String type = null;
        if (error != null) {
            code = string(error, "code");
            message = string(error, "message");
            JsonValue flag = error.get("retryable");
            if (flag == JsonValue.TRUE || flag == JsonValue.FALSE) {
                retryable = flag == JsonValue.TRUE;
            }
            String bodyRequestId = string(error, "request_id");
            if (bodyRequestId != null) {
                requestId = bodyRequestId;
            }
            details = error.get("details") instanceof JsonObject object ? object : null;
            type = string(error, "type");
            if (message == null) {
                message = "HTTP " + status;
            }
            String hint = string(error, "hint");
            if (hint != null) {
                message = message + " Hint: " + hint;
            }
        } else {
            code = null;
            message = "HTTP " + status + " without an OJS error body"
                    + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
            details = json;
        }
        if (code == null || code.isBlank()) {
            code = "http_" + status;
        }
        boolean retry = retryable != null ? retryable : defaultRetryable(code, status);
        ErrorInfo info = new ErrorInfo(code, message, retry, status, requestId, retryAfter, details, type);
        return classify(info);
    }

    /**
     * Translates an exception thrown by the HTTP client stack (JAX-RS {@code ProcessingException},
     * JSON-B {@code JsonbException}, socket exceptions, ...) into an {@link OjsException}; an
     * {@code OjsException} anywhere in the cause chain is returned as it is.
     */
    public static OjsException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OjsException ojs) {
                return ojs;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException) {
                return new OjsTimeoutException(ErrorInfo.client(TIMEOUT,
                        TIMEOUT + ": the OJS server did not answer in time (" + t.getMessage()
                                + "); raise ojs.read-timeout / ojs.connect-timeout if the server is just slow",
                        true), failure);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new OjsTransportException(ErrorInfo.client(TRANSPORT,
                        TRANSPORT + ": cannot reach the OJS server (" + t.getClass().getSimpleName() + ": "
                                + t.getMessage() + "); check ojs.url and that the server is running",
                        true), failure);
            }
            if (isJsonProblem(t)) {
                return malformed("the answer is not the expected JSON (" + t.getMessage() + ")", failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return new OjsTransportException(ErrorInfo.client(TRANSPORT,
                        TRANSPORT + ": the connection to the OJS server failed (" + t.getClass().getSimpleName()
                                + ": " + t.getMessage() + ")", true), failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text = String.valueOf(failure.getMessage());
        if (text.contains("MessageBodyReader") || text.contains("content-type") || text.contains("Content-Type")) {
            return malformed("the answer has a content type this client cannot read (" + text + ")", failure);
        }
        return new OjsException(ErrorInfo.client(CLIENT_FAILURE,
                CLIENT_FAILURE + ": the HTTP client failed: " + failure, false), failure);
    }

    /** A malformed-answer exception with the given explanation. */
    public static OjsMalformedResponseException malformed(String explanation, Throwable cause) {
        return new OjsMalformedResponseException(ErrorInfo.client(MALFORMED,
                MALFORMED + ": unreadable answer from the OJS server: " + explanation, false), cause);
    }

    /** Parses {@code Retry-After}: delay seconds or an HTTP-date; {@code null} if absent or unreadable. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static OjsException classify(ErrorInfo info) {
        String code = info.code().toLowerCase(Locale.ROOT);
        int status = info.httpStatus();
        switch (code) {
            case "not_found", "job_not_found":
                return new OjsNotFoundException(info);
            case "duplicate", "duplicate_job":
                return new OjsDuplicateException(info);
            case "conflict", "invalid_state_transition", "job_already_completed", "job_already_cancelled":
                return new OjsConflictException(info);
            case "rate_limited", "queue_full":
                return new OjsRateLimitedException(info);
            case "queue_paused":
                return new OjsQueuePausedException(info);
            case "unauthorized", "forbidden", "unauthenticated", "permission_denied", "token_expired",
                    "tenant_access_denied":
                return new OjsAuthException(info);
            case "invalid_request", "invalid_payload", "validation_error", "schema_validation",
                    "schema_validation_failed", "envelope_too_large", "payload_too_large", "unsupported":
                return new OjsValidationException(info);
            case "internal_error", "backend_error", "backend_unavailable", "backend_timeout", "replication_lag":
                return new OjsUnavailableException(info);
            default:
                break;
        }
        if (code.startsWith("invalid_")) {
            return new OjsValidationException(info);
        }
        return switch (status) {
            case 404 -> new OjsNotFoundException(info);
            case 409 -> new OjsConflictException(info);
            case 429 -> new OjsRateLimitedException(info);
            case 401, 403 -> new OjsAuthException(info);
            case 400, 413, 422 -> new OjsValidationException(info);
            default -> status >= 500 ? new OjsUnavailableException(info) : new OjsException(info);
        };
    }

    private static boolean defaultRetryable(String code, int status) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.equals("rate_limited") || lower.equals("queue_paused") || lower.equals("internal_error")
                || lower.equals("backend_error") || lower.startsWith("backend_")) {
            return true;
        }
        return status == 429 || status >= 500;
    }

    private static boolean isJsonProblem(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("jakarta.json.") || name.startsWith("org.eclipse.yasson.")
                || name.startsWith("org.eclipse.parsson.") || name.contains("NoContentException")
                || t instanceof java.time.format.DateTimeParseException || t instanceof NumberFormatException
                || t instanceof ClassCastException;
    }

    private static JsonObject errorObject(JsonObject json) {
        JsonValue wrapped = json.get("error");
        if (wrapped instanceof JsonObject object) {
            return object;
        }
        if (wrapped instanceof JsonString text) {
            // some proxies answer {"error":"message"}
            return WireJson.provider().createObjectBuilder().add("message", text.getString()).build();
        }
        if (json.get("code") instanceof JsonString && json.get("message") instanceof JsonString) {
            return json; // the unwrapped shape of ojs-errors.md
        }
        return null;
    }

    private static JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = WireJson.provider().createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return null;
    }

    private static String abbreviate(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
