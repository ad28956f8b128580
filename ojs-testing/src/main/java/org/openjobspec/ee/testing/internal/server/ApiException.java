package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.openjobspec.ee.testing.internal.Messages;

/**
 * A request the server refuses, carried up to the HTTP layer, which renders the OJS error envelope.
 * The message starts with a stable OJS-SRV id; {@code hint} says how to fix the request.
 */
final class ApiException extends RuntimeException {
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

    public static ApiException invalid(Messages id, String message, String hint, String field) {
        return new ApiException(400, "invalid_request", id + ": " + message, hint,
                field == null ? null : Json.obj().add("field", field).build());
    }

    public static ApiException notFound(Messages id, String resource, String resourceId) {
        String label = Character.toUpperCase(resource.charAt(0)) + resource.substring(1).replace('_', ' ');
        return new ApiException(404, "not_found", id + ": " + label + " '" + resourceId + "' not found.",
                "Check the " + resource.replace('_', ' ') + " id; it may never have existed, or may have been"
                        + " purged or deleted.",
                Json.obj().add("resource_type", resource).add("resource_id", resourceId).build());
    }

    public static ApiException conflict(Messages id, String message, String hint, JsonObject details) {
        return new ApiException(409, "conflict", id + ": " + message, hint, details);
    }

    /** The refusal of element {@code index} of a batch, which refuses the whole batch. */
    static ApiException batchElement(int index, ApiException e) {
        JsonObjectBuilder d = Json.obj().add("index", index);
        if (e.details() != null) {
            e.details().forEach(d::add);
        }
        return new ApiException(e.status(), e.code(), e.type(), Messages.SRV_0203 + ": Batch validation failed: job at"
                + " index " + index + " - " + e.getMessage(), e.hint(), d.build(), false);
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
