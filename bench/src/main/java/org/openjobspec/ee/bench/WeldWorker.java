package org.openjobspec.ee.bench;

import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A worker as a deployment has it: Weld SE with the real OJS extension (from META-INF/services), ojs-cdi's beans
 * found by bean discovery, configured through MicroProfile Config (system properties here), over real HTTP.
 */
final class WeldWorker implements AutoCloseable {

    private final WeldContainer container;

    private WeldWorker(WeldContainer container) {
        this.container = container;
    }

    static WeldWorker boot(Map<String, String> config, Class<?>... beans) {
        config.forEach(System::setProperty);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        // discovery finds ojs-cdi's own beans (its beans.xml); this jar is no bean archive, its beans come explicitly
        // a container id of its own: the telemetry benchmark runs two workers side by side
        Weld weld = new Weld(java.util.UUID.randomUUID().toString())
                .property("org.jboss.weld.construction.relaxed", false);
        List<String> extensions = new ArrayList<>();
        for (Extension e : ServiceLoader.load(Extension.class)) {
            extensions.add(e.getClass().getName());
        }
        if (!extensions.contains("org.openjobspec.ee.internal.cdi.OjsExtension")) {
            throw new IllegalStateException("OjsExtension not found in META-INF/services: " + extensions);
        }
        weld.addBeanClasses(beans);
        return new WeldWorker(weld.initialize());
    }

    @Override
    public void close() {
        container.shutdown();
    }
}
