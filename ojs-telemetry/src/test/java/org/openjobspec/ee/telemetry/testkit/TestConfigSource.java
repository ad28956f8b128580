package org.openjobspec.ee.telemetry.testkit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The application's own configuration in tests (as its microprofile-config.properties would be): unlike system
 * properties, its keys are subject to the unknown-key checks.
 */
public class TestConfigSource implements ConfigSource {

    static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(VALUES.keySet());
    }

    @Override
    public String getValue(String name) {
        return VALUES.get(name);
    }

    @Override
    public String getName() {
        return "ojs-telemetry-test";
    }

    @Override
    public int getOrdinal() {
        return 100;
    }
}
