package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonObject;

/**
 * The structured error a worker sends when failing a job (ojs-protocol.md §4.5): {@code code} from the binding's
 * vocabulary, {@code type} the failure's class (what {@code non_retryable_errors} matches), and whether the server
 * may retry it.
 */
public record Failure(String code, String type, String message, boolean retryable, JsonObject details) {

    public static final String HANDLER_ERROR = "handler_error";
    public static final String TIMEOUT = "timeout";
    public static final String CANCELLED = "cancelled";
    public static final String INVALID_ARGS = "x_invalid_args";
    public static final String HANDLER_NOT_FOUND = "x_handler_not_found";
}
