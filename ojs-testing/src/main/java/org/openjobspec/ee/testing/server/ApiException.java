package org.openjobspec.ee.testing.server;

import jakarta.json.JsonObject;

/**
 * A request the server refuses, carried up to the HTTP layer, which renders the OJS error envelope.
 * The message starts with a stable OJS-SRV id; {@code hint} says how to fix the request.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String type;
    private final String hint;
    private final JsonObject details;
    private final boolean retryable;

    public ApiException(int status, String code, String message, String hint, JsonObject details) {
        this(status, code, null, message, hint, details, false);
    }

    public ApiException(int status, String code, String type, String message, String hint, JsonObject details,
                        boolean retryable) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.type = type;
        this.hint = hint;
        this.details = details;
        this.retryable = retryable;
    }

    public static ApiException invalid(String id, String message, String hint, String field) {
        return new ApiException(400, "invalid_request", id + ": " + message, hint,
                field == null ? null : Json.obj().add("field", field).build());
    }

    public static ApiException notFound(String id, String resource, String resourceId) {
        String label = Character.toUpperCase(resource.charAt(0)) + resource.substring(1).replace('_', ' ');
        return new ApiException(404, "not_found", id + ": " + label + " '" + resourceId + "' not found.",
                "Check the " + resource.replace('_', ' ') + " id; it may never have existed, or may have been"
                        + " purged or deleted.",
                Json.obj().add("resource_type", resource).add("resource_id", resourceId).build());
    }

    public static ApiException conflict(String id, String message, String hint, JsonObject details) {
        return new ApiException(409, "conflict", id + ": " + message, hint, details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String type() {
        return type;
    }

    public String hint() {
        return hint;
    }

    public JsonObject details() {
        return details;
    }

    public boolean retryable() {
        return retryable;
    }
}
