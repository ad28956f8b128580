package org.openjobspec.ee.error;

/** The server did not answer within the configured connect or read timeout ({@link OjsErrors#TIMEOUT}); retryable. */
public class OjsTimeoutException extends OjsTransportException {

    private static final long serialVersionUID = 1L;

    public OjsTimeoutException(ErrorInfo info) {
        super(info);
    }

    public OjsTimeoutException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
