package org.openjobspec.ee.error;

/** The server could not serve the request right now (HTTP 5xx, `internal_error`, `backend_error`); retryable. */
public class OjsUnavailableException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsUnavailableException(ErrorInfo info) {
        super(info);
    }

    public OjsUnavailableException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
