package org.openjobspec.ee.telemetry.internal.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigOrigins;
import org.openjobspec.ee.telemetry.internal.Messages;

import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0200;
import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0201;
import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0202;
import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0203;

/** The telemetry's MicroProfile Config keys, read and checked; every problem is collected with its id. */
final class TelemetryConfig {

    static final String PREFIX = "ojs.telemetry.";
    static final String ENABLED = PREFIX + "enabled";
    static final String TRACES = PREFIX + "traces.enabled";
    static final String METRICS = PREFIX + "metrics.enabled";
    static final Set<String> KEYS = Set.of(ENABLED, TRACES, METRICS);

    final List<String> problems = new ArrayList<>();
    final boolean traces;
    final boolean metrics;

    TelemetryConfig(Config config) {
        boolean enabled = flag(config, ENABLED, CFG_0200);
        traces = enabled && flag(config, TRACES, CFG_0201);
        metrics = enabled && flag(config, METRICS, CFG_0202);
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key) && !ConfigOrigins.outsideTheApplication(key)) {
                problems.add(CFG_0203 + ": unknown key '" + key + "'; the telemetry reads " + KEYS.stream().sorted()
                        .toList());
            }
        }
        problems.sort(null);
    }

    /** Whether anything is to be reported. */
    boolean anything() {
        return traces || metrics;
    }

    private boolean flag(Config config, String key, Messages id) {
        Optional<String> raw = config.getOptionalValue(key, String.class).map(String::trim);
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.get().equalsIgnoreCase("false")) {
            return false;
        }
        problems.add(id + ": " + key + "='" + raw.get() + "' must be true or false");
        return true;
    }

    static String describe(List<String> problems) {
        int n = problems.size();
        return "OJS found " + n + " telemetry configuration problem" + (n == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems);
    }
}
