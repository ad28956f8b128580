package org.openjobspec.ee.error;

/** The server refused the credentials (`unauthorized` 401: missing or malformed token; `forbidden` 403: wrong token). */
public class OjsAuthException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsAuthException(ErrorInfo info) {
        super(info);
    }

    public OjsAuthException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
