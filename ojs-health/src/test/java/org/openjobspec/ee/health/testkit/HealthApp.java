package org.openjobspec.ee.health.testkit;

import jakarta.enterprise.inject.spi.Extension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.cdi.CurrentJob;
import org.openjobspec.ee.internal.cdi.CurrentTrace;
import org.openjobspec.ee.internal.cdi.JobContextProducer;
import org.openjobspec.ee.internal.cdi.LibraryExecutor;
import org.openjobspec.ee.internal.cdi.WorkerLifecycle;

/**
 * Boots Weld SE the way a deployment would: every extension from META-INF/services (so a missing service file fails
 * the tests), ojs-cdi's own beans as its annotated discovery would find them, plus the application's beans.
 */
public final class HealthApp {

    /** How long a test waits for a condition before failing: generous, it only bounds a failure. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Class<?>[] LIBRARY_BEANS = {WorkerLifecycle.class, CurrentJob.class,
            JobContextProducer.class, CurrentTrace.class, LibraryExecutor.class};

    private HealthApp() {
    }

    /** Short intervals so tests run fast, pointing the worker at {@code server}. */
    public static void fastConfig(URI server) {
        TestConfig.clear();
        TestConfig.set("ojs.url", server.toString());
        TestConfig.set("ojs.worker.poll-interval", "PT0.05S");
        TestConfig.set("ojs.worker.heartbeat-interval", "PT0.2S");
        TestConfig.set("ojs.worker.visibility-timeout", "PT1S");
        TestConfig.set("ojs.worker.grace-period", "PT2S");
        TestConfig.set("ojs.worker.backoff-max", "PT0.2S");
        TestConfig.set("ojs.worker.wake-on-events", "false");
    }

    public static WeldContainer boot(Class<?>... beans) {
        // SmallRye Config snapshots property names when a Config is built: start each container from a fresh one
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        Weld weld = new Weld().disableDiscovery();
        List<String> loaded = new ArrayList<>();
        for (Extension e : ServiceLoader.load(Extension.class)) {
            weld.addExtension(e);
            loaded.add(e.getClass().getName());
        }
        for (String required : List.of("org.openjobspec.ee.internal.cdi.OjsExtension",
                "org.openjobspec.ee.health.internal.HealthExtension")) {
            if (!loaded.contains(required)) {
                throw new AssertionError(required + " not registered in META-INF/services: " + loaded);
            }
        }
        weld.addBeanClasses(LIBRARY_BEANS);
        weld.addBeanClasses(beans);
        return weld.initialize();
    }
}
