package org.openjobspec.ee;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception class whose occurrence in a job handler must not be retried: the worker fails the job with
 * {@code retryable: false}, so the server discards it (or dead-letters it, per the job's retry policy) at once.
 * Inherited by subclasses. An exception is also non-retryable when any exception in its cause chain is.
 *
 * @see NonRetryableException
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NonRetryable {
}
