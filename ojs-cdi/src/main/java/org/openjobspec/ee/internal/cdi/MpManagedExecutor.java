package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Kept apart so the Context Propagation API is only loaded when it is on the classpath. */
final class MpManagedExecutor {

    private MpManagedExecutor() {
    }

    static ExecutorService find(BeanManager beans) {
        Set<Bean<?>> candidates = beans.getBeans(ManagedExecutor.class);
        if (candidates.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(candidates);
        if (bean == null) {
            return null;
        }
        return (ExecutorService) beans.getReference(bean, ManagedExecutor.class, beans.createCreationalContext(bean));
    }
}
