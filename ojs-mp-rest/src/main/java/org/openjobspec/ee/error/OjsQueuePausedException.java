package org.openjobspec.ee.error;

/** The target queue is paused and the server refuses new jobs for it (`queue_paused`); retryable. */
public class OjsQueuePausedException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsQueuePausedException(ErrorInfo info) {
        super(info);
    }

    public OjsQueuePausedException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
