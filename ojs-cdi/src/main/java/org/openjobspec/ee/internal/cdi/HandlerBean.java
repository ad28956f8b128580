package org.openjobspec.ee.internal.cdi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Internal: the qualifier the build compatible extension adds to every class declaring {@code @JobHandler} methods
 * (next to {@code @Default}, so injection is unchanged). {@link WorkerLifecycle} looks these beans up through it,
 * which is what tells Quarkus' ArC that they are used: ArC removes beans nothing injects or looks up, and
 * handler beans are otherwise only reached by the worker, reflectively.
 */
@jakarta.inject.Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface HandlerBean {

    /** The literal, for programmatic use. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<HandlerBean> implements HandlerBean {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
