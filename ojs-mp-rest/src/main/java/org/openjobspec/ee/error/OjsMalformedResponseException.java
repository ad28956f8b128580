package org.openjobspec.ee.error;

/** The server answered something that is not the expected JSON: not JSON, truncated, wrong types, empty ({@link OjsErrors#MALFORMED}). */
public class OjsMalformedResponseException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsMalformedResponseException(ErrorInfo info) {
        super(info);
    }

    public OjsMalformedResponseException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
