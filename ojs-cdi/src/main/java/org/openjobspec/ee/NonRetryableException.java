package org.openjobspec.ee;

/**
 * Thrown by a job handler to fail the job permanently, without further attempts. Subclass it, or annotate your
 * own exception classes with {@link NonRetryable}.
 */
@NonRetryable
public class NonRetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
