package org.openjobspec.ee.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.internal.client.DefaultOjsClient;
import org.openjobspec.ee.internal.spi.EnqueueObserver;

/**
 * Makes {@code @Inject OjsClient} work: one application-scoped client configured from MicroProfile
 * Config ({@code ojs.url}, {@code ojs.auth-token}, timeouts, {@code ojs.headers.*}, TLS, {@code ojs.retry.*},
 * {@code ojs.batch.max-bytes}), with every
 * {@link EnqueueInterceptor} bean applied in {@code @Priority} order (lower first; beans without a
 * priority last). Async calls and event streams run on the executor the worker uses: the container's
 * {@code ManagedExecutorService} named by {@code ojs.worker.executor}, else a MicroProfile {@code ManagedExecutor}
 * bean, else (outside a container) the library's own pool.
 */
@ApplicationScoped
public class OjsClientProducer {

    @Inject
    @Any
    Instance<EnqueueInterceptor> interceptors;

    /** The project's optional modules (telemetry) observe enqueues through these. */
    @Inject
    @Any
    Instance<EnqueueObserver> observers;

    @Inject
    LibraryExecutor executor;

    @Produces
    @ApplicationScoped
    OjsClient ojsClient() {
        ClientSettings settings = ClientSettings.fromConfig(ConfigProvider.getConfig());
        return new DefaultOjsClient(settings, orderedInterceptors(), observers.stream().toList(),
                executor.choice().executor());
    }

    void close(@Disposes OjsClient client) {
        client.close();
    }

    List<EnqueueInterceptor> orderedInterceptors() {
        return interceptors.handlesStream()
                .sorted(Comparator.comparingInt(handle -> priority(handle.getBean().getBeanClass())))
                .map(Instance.Handle::get)
                .toList();
    }

    private static int priority(Class<?> beanClass) {
        Priority priority = beanClass.getAnnotation(Priority.class);
        return priority == null ? Integer.MAX_VALUE : priority.value();
    }
}
