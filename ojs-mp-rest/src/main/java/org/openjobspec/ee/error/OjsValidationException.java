package org.openjobspec.ee.error;

/** The request was rejected as invalid, by the server (`invalid_request`, `invalid_payload`, `validation_error`, HTTP 400/422) or by the client before sending (an `OJS-CLI-nnnn` message id). */
public class OjsValidationException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsValidationException(ErrorInfo info) {
        super(info);
    }

    public OjsValidationException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
