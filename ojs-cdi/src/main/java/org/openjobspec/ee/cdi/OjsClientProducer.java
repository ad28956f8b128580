package org.openjobspec.ee.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.client.DefaultOjsClient;

/**
 * Makes {@code @Inject OjsClient} work: one application-scoped client configured from MicroProfile
 * Config ({@code ojs.url}, {@code ojs.auth-token}, timeouts, {@code ojs.headers.*}, TLS), with every
 * {@link EnqueueInterceptor} bean applied in {@code @Priority} order (lower first; beans without a
 * priority last). Async calls and event streams run on the container's default
 * {@code ManagedExecutorService} when one is bound in JNDI, else on the common pool.
 */
@ApplicationScoped
public class OjsClientProducer {

    private static final Logger LOG = Logger.getLogger(OjsClientProducer.class.getName());
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    @Inject
    @Any
    Instance<EnqueueInterceptor> interceptors;

    @Produces
    @ApplicationScoped
    OjsClient ojsClient() {
        ClientSettings settings = ClientSettings.fromConfig(ConfigProvider.getConfig());
        return new DefaultOjsClient(settings, orderedInterceptors(), containerExecutor());
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

    private static Executor containerExecutor() {
        try {
            Object found = new javax.naming.InitialContext().lookup(DEFAULT_EXECUTOR);
            if (found instanceof Executor executor) {
                return executor;
            }
        } catch (javax.naming.NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no " + DEFAULT_EXECUTOR + "; OjsClient async calls use the common pool", e);
        }
        return ForkJoinPool.commonPool();
    }
}
