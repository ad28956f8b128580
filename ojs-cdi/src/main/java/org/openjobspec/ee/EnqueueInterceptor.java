package org.openjobspec.ee;

/**
 * Enqueue-side middleware: sees every job just before it leaves the client (single enqueue, batch
 * members, workflow steps and callbacks) and may add metadata (trace context, tenant, ...), change
 * options or args, or throw to stop the enqueue.
 *
 * <p>Register on {@link OjsClient.Builder#interceptor(EnqueueInterceptor)}; in CDI every bean of this
 * type is applied, ordered by {@code @jakarta.annotation.Priority} (lower first). The job is validated
 * after all interceptors ran.
 */
@FunctionalInterface
public interface EnqueueInterceptor {

    /** Inspect or modify {@code job}; throw an exception to abort the enqueue. */
    void beforeEnqueue(OutgoingJob job);
}
