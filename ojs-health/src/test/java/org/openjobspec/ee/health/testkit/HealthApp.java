package org.openjobspec.ee.health.testkit;

import jakarta.enterprise.inject.spi.Extension;
import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.TestConfig;

/** ojs-cdi's test boot (every extension from META-INF/services, ojs-cdi's own beans), checked to include ours. */
public final class HealthApp {

    /** How long a test waits for a condition before failing: generous, it only bounds a failure. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private HealthApp() {
    }

    /** Short intervals so tests run fast, pointing the worker at {@code server}; polling only. */
    public static void fastConfig(URI server) {
        Ojs.fastConfig(server);
        TestConfig.set("ojs.worker.backoff-max", "PT0.2S");
        TestConfig.set("ojs.worker.wake-on-events", "false");
    }

    public static WeldContainer boot(Class<?>... beans) {
        String required = "org.openjobspec.ee.health.internal.HealthExtension";
        if (ServiceLoader.load(Extension.class).stream().noneMatch(e -> e.type().getName().equals(required))) {
            throw new AssertionError(required + " not registered in META-INF/services");
        }
        return Ojs.boot(beans);
    }
}
