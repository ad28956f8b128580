package org.openjobspec.ee.telemetry.testkit;

import jakarta.enterprise.inject.spi.Extension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.cdi.CurrentJob;
import org.openjobspec.ee.internal.cdi.CurrentTrace;
import org.openjobspec.ee.internal.cdi.JobContextProducer;
import org.openjobspec.ee.internal.cdi.JobObservers;
import org.openjobspec.ee.internal.cdi.LibraryExecutor;
import org.openjobspec.ee.internal.cdi.OjsClientProducer;
import org.openjobspec.ee.internal.cdi.WorkerLifecycle;
import org.openjobspec.ee.telemetry.internal.cdi.OjsTelemetry;

/**
 * An application on Weld SE as a deployment would see it: every extension from META-INF/services (ojs-cdi's and
 * this module's), the library's and this module's beans as their beans.xml would be scanned, and the scenario's
 * beans; configured through {@link TestConfigSource} while it runs. Names no OpenTelemetry type: the test without the API
 * boots through it too.
 */
public final class App implements AutoCloseable {

    public static final Class<?>[] LIBRARY_BEANS = {WorkerLifecycle.class, CurrentJob.class, JobContextProducer.class,
            CurrentTrace.class, LibraryExecutor.class, JobObservers.class, OjsClientProducer.class, OjsTelemetry.class};

    private final WeldContainer weld;
    private final Map<String, String> config;

    private App(WeldContainer weld, Map<String, String> config) {
        this.weld = weld;
        this.config = config;
    }

    /** Short intervals, so jobs are fetched at once, against the server at {@code url}. */
    public static Map<String, String> config(String url, String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("ojs.url", url);
        config.put("ojs.worker.queues", "default,reports");
        config.put("ojs.worker.poll-interval", "PT0.05S");
        config.put("ojs.worker.heartbeat-interval", "PT0.2S");
        config.put("ojs.worker.visibility-timeout", "PT1S");
        config.put("ojs.worker.grace-period", "PT2S");
        for (int i = 0; i + 1 < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    public static App boot(Map<String, String> config, Class<?>... beans) {
        TestConfigSource.VALUES.clear();
        TestConfigSource.VALUES.putAll(config);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        Weld weld = new Weld().disableDiscovery();
        boolean ours = false;
        for (Extension e : ServiceLoader.load(Extension.class)) {
            weld.addExtension(e);
            ours |= e.getClass().getName().endsWith("TelemetryExtension");
        }
        if (!ours) {
            throw new AssertionError("TelemetryExtension not registered in META-INF/services");
        }
        weld.addBeanClasses(LIBRARY_BEANS);
        weld.addBeanClasses(beans);
        try {
            return new App(weld.initialize(), config);
        } catch (RuntimeException | Error e) {
            TestConfigSource.VALUES.clear();
            throw e;
        }
    }

    public <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        try {
            weld.close();
        } finally {
            TestConfigSource.VALUES.clear();
        }
    }
}
