package org.openjobspec.ee.reliability.support;

import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Boots Weld SE as a deployment would: the real extension from META-INF/services (it registers the library's own
 * beans) and the scenario's jobs.
 */
public final class Containers {

    private Containers() {
    }

    public static WeldContainer boot() {
        // SmallRye Config snapshots property names when a Config is built: each container reads a fresh one
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        Weld weld = new Weld("ojs-reliability-" + System.nanoTime()).disableDiscovery();
        List<String> loaded = new ArrayList<>();
        for (Extension e : ServiceLoader.load(Extension.class)) {
            weld.addExtension(e);
            loaded.add(e.getClass().getName());
        }
        if (!loaded.contains("org.openjobspec.ee.cdi.OjsExtension")) {
            throw new AssertionError("OjsExtension is not registered in META-INF/services: " + loaded);
        }
        weld.addBeanClasses(Jobs.class);
        return weld.initialize();
    }

    /** Names of live threads of the worker's own pool (used outside a container). */
    public static List<String> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ojs-worker-")).sorted().toList();
    }
}
