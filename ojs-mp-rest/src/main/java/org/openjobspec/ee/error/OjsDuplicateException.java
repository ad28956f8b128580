package org.openjobspec.ee.error;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * A job with the same id or unique key already exists ({@code duplicate}, HTTP 409). A subtype of
 * {@link OjsConflictException}.
 */
public class OjsDuplicateException extends OjsConflictException {

    private static final long serialVersionUID = 1L;

    public OjsDuplicateException(ErrorInfo info) {
        super(info);
    }

    public OjsDuplicateException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    /** Id of the job that already holds the unique key ({@code details.existing_job_id}), when the server says. */
    public Optional<String> existingJobId() {
        JsonValue value = details().get("existing_job_id");
        return value instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }
}
