package org.openjobspec.ee.reliability.support;

import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.cdi.OjsExtension;

/**
 * Boots Weld SE as a deployment would: bean discovery finds the library through its beans.xml and loads its
 * extensions from META-INF/services; the scenario's jobs are added to it.
 */
public final class Containers {

    private Containers() {
    }

    public static WeldContainer boot() {
        // SmallRye Config snapshots property names when a Config is built: each container reads a fresh one
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        WeldContainer container = new Weld("ojs-reliability-" + System.nanoTime()).addBeanClasses(Jobs.class)
                .initialize();
        // throws if the portable extension was not loaded: then the scenario would prove nothing
        container.getBeanManager().getExtension(OjsExtension.class);
        return container;
    }

    /** Names of live threads of the worker's own pool (used outside a container). */
    public static List<String> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ojs-worker-")).sorted().toList();
    }
}
