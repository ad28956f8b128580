package org.openjobspec.ee.error;

/** The server is throttling this client (`rate_limited`, HTTP 429); see {@link #retryAfter()}. */
public class OjsRateLimitedException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsRateLimitedException(ErrorInfo info) {
        super(info);
    }

    public OjsRateLimitedException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
