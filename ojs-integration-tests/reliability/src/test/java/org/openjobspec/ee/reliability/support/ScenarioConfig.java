package org.openjobspec.ee.reliability.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** MicroProfile Config values a scenario sets before booting a worker; they win over everything else. */
public class ScenarioConfig implements ConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    public static void set(String key, String value) {
        VALUES.put(key, value);
    }

    public static void clear() {
        VALUES.clear();
    }

    /** Short intervals so a scenario takes seconds, pointing the worker at {@code url}. */
    public static void fast(String url) {
        clear();
        set("ojs.url", url);
        set("ojs.connect-timeout", "PT0.5S");
        set("ojs.read-timeout", "PT2S");
        set("ojs.worker.poll-interval", "PT0.05S");
        set("ojs.worker.heartbeat-interval", "PT0.3S");
        set("ojs.worker.visibility-timeout", "PT3S");
        set("ojs.worker.grace-period", "PT2S");
        set("ojs.worker.backoff-max", "PT1S");
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(VALUES.keySet());
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.copyOf(VALUES);
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public int getOrdinal() {
        return 500;
    }

    @Override
    public String getName() {
        return "ojs-reliability-scenario";
    }
}
