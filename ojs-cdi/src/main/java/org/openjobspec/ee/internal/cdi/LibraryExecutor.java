package org.openjobspec.ee.internal.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's one executor, shared by the worker, {@code @Inject OjsClient} and ojs-jta's outbox relay (see
 * {@link ExecutorChoice}): chosen on first use, and shut down with the application when it is the library's own
 * pool.
 */
@ApplicationScoped
public class LibraryExecutor {

    @Inject
    BeanManager beanManager;

    private ExecutorChoice choice;

    synchronized ExecutorChoice choice() {
        if (choice == null) {
            String name = ConfigProvider.getConfig().getOptionalValue(WorkerConfig.EXECUTOR, String.class)
                    .map(String::trim).filter(n -> !n.isEmpty()).orElse(WorkerConfig.DEFAULT_EXECUTOR);
            choice = ExecutorChoice.resolve(name, beanManager);
        }
        return choice;
    }

    /** For the library's other modules (ojs-jta's outbox relay): the executor itself. */
    public ExecutorService executor() {
        return choice().executor();
    }

    @PreDestroy
    synchronized void shutdown() {
        if (choice != null) {
            choice.shutdownIfOwned();
        }
    }
}
