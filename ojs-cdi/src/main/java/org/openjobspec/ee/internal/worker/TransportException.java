package org.openjobspec.ee.internal.worker;

import java.time.Duration;

/**
 * A failed call to the OJS server, classified for the engine's decisions. {@link Kind#UNAVAILABLE} (connection
 * failure, 5xx, 429) is retried with backoff; {@link Kind#GONE} (404, 409 on ack/nack) means the job is no longer
 * ours; {@link Kind#UNSUPPORTED} means the server lacks an optional endpoint (404 or 405 where an extension would
 * answer), so asking again is pointless; {@link Kind#REJECTED} is any other refusal.
 */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind { UNAVAILABLE, GONE, UNSUPPORTED, REJECTED }

    private final Kind kind;
    private final transient Duration retryAfter;

    public TransportException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
