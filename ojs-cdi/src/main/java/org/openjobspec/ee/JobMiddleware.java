package org.openjobspec.ee;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Interceptor binding that the OJS extension adds to every {@link JobHandler} method. Annotate an interceptor with
 * it to add cross-cutting middleware to all handlers at once; order it with {@code @Priority} as usual (lower runs
 * first, that is, outermost).
 *
 * <pre>{@code
 * @JobMiddleware @Interceptor @Priority(Interceptor.Priority.APPLICATION)
 * public class TenantMiddleware {
 *     @Inject JobContext job;
 *     @AroundInvoke Object around(InvocationContext ic) throws Exception { ... return ic.proceed(); }
 * }
 * }</pre>
 * Inside such an interceptor the running job is available by injecting {@link JobContext}.
 */
@Documented
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface JobMiddleware {
}
