package org.openjobspec.ee.internal.worker;

import org.openjobspec.ee.NonRetryableException;

/**
 * A job's args could not be bound to its handler's parameters. Retrying cannot help, so the job is failed with
 * {@code retryable: false} and the code {@code x_invalid_args}.
 */
public class ArgumentBindingException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    public ArgumentBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
