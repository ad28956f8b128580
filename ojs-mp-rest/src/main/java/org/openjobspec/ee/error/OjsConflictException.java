package org.openjobspec.ee.error;

/** The operation does not fit the current state, e.g. cancelling a completed job (`conflict`, HTTP 409). */
public class OjsConflictException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsConflictException(ErrorInfo info) {
        super(info);
    }

    public OjsConflictException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
