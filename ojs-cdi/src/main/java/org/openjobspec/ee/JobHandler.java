package org.openjobspec.ee;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the handler of one OJS job type.
 *
 * <p>The method is discovered and validated at deployment and invoked by the worker on the bean's contextual
 * reference, so interceptors apply and a request context is active. Parameters are resolved per job:
 * <ul>
 *   <li>a {@link JobContext} parameter (at most one) receives the running job's context;</li>
 *   <li>every other parameter is bound positionally from the job's {@code args} array with JSON-B, into the
 *       parameter's declared generic type ({@code args[0]} to the first non-context parameter, and so on);
 *       a missing element binds {@code null} (a primitive parameter then fails the job as non-retryable);</li>
 *   <li>a single non-context parameter of type {@code jakarta.json.JsonArray} receives the whole args array.</li>
 * </ul>
 * The return value, serialized with JSON-B, becomes the job's result; {@code void} stores none. A method returning
 * {@link java.util.concurrent.CompletionStage} is acknowledged when the stage completes.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Mailer {
 *     @JobHandler("email.send")
 *     public Receipt send(EmailArgs args, JobContext ctx) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JobHandler {

    /** The job type, matching {@code ^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$}, for example {@code "email.send"}. */
    String value();
}
