package org.openjobspec.ee.error;

/** No usable HTTP answer: connection refused, reset or DNS failure ({@link OjsErrors#TRANSPORT}); retryable. */
public class OjsTransportException extends OjsUnavailableException {

    private static final long serialVersionUID = 1L;

    public OjsTransportException(ErrorInfo info) {
        super(info);
    }

    public OjsTransportException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
