package org.openjobspec.ee.testkit;

import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.cdi.CronLifecycle;
import org.openjobspec.ee.internal.cdi.CurrentJob;
import org.openjobspec.ee.internal.cdi.CurrentTrace;
import org.openjobspec.ee.internal.cdi.JobContextProducer;
import org.openjobspec.ee.internal.cdi.JobObservers;
import org.openjobspec.ee.internal.cdi.LibraryExecutor;
import org.openjobspec.ee.internal.cdi.WorkerLifecycle;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Boots Weld SE the way a deployment would: the extensions come from META-INF/services (so a missing service file
 * fails the tests), the library's own beans as if its beans.xml were scanned, plus the scenario's beans.
 */
public final class Ojs {

    /** The library's beans, as annotated discovery of ojs-cdi would find them. */
    public static final Class<?>[] LIBRARY_BEANS = {WorkerLifecycle.class, CurrentJob.class,
            JobContextProducer.class, CurrentTrace.class, LibraryExecutor.class, JobObservers.class, CronLifecycle.class};

    private Ojs() {
    }

    /** Configures short intervals so tests run fast, pointing the worker at {@code server}. */
    public static void fastConfig(EmbeddedOjsServer server) {
        fastConfig(server.url());
    }

    /** Configures short intervals so tests run fast, pointing the worker at the server at {@code url}. */
    public static void fastConfig(java.net.URI url) {
        TestConfig.clear();
        TestConfig.set("ojs.url", url.toString());
        TestConfig.set("ojs.worker.poll-interval", "PT0.05S");
        TestConfig.set("ojs.worker.heartbeat-interval", "PT0.2S");
        TestConfig.set("ojs.worker.visibility-timeout", "PT1S");
        TestConfig.set("ojs.worker.grace-period", "PT2S");
        TestConfig.set("ojs.worker.backoff-max", "PT0.5S");
    }

    public static WeldContainer boot(Class<?>... beans) {
        // SmallRye Config snapshots property names when a Config is built: start each container from a fresh one
        var resolver = org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        Weld weld = new Weld().disableDiscovery().property("org.jboss.weld.construction.relaxed", false);
        List<String> loaded = new ArrayList<>();
        for (Extension e : ServiceLoader.load(Extension.class)) {
            weld.addExtension(e);
            loaded.add(e.getClass().getName());
        }
        if (!loaded.contains("org.openjobspec.ee.internal.cdi.OjsExtension")) {
            throw new AssertionError("OjsExtension not registered in META-INF/services: " + loaded);
        }
        weld.addBeanClasses(LIBRARY_BEANS);
        weld.addBeanClasses(beans);
        return weld.initialize();
    }
}
