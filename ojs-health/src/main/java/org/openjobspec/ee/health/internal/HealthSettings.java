package org.openjobspec.ee.health.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigDurations;
import org.openjobspec.ee.internal.ConfigOrigins;

import static org.openjobspec.ee.health.internal.Messages.CFG_0250;
import static org.openjobspec.ee.health.internal.Messages.CFG_0251;
import static org.openjobspec.ee.health.internal.Messages.CFG_0252;
import static org.openjobspec.ee.health.internal.Messages.CFG_0253;

/**
 * The {@code ojs.health.*} keys, read and checked together: every problem is collected with its id so that a
 * deployment reports all of them at once. A key with a problem keeps its default.
 *
 * @param enabled          whether the checks are registered at all
 * @param unreachableAfter readiness goes DOWN once the server has not answered for longer than this
 * @param stallAfter       liveness goes DOWN once the worker's loop has not gone round for longer than this
 * @param problems         what is wrong with the configuration, each with its message id; empty when all is well
 */
public record HealthSettings(boolean enabled, Duration unreachableAfter, Duration stallAfter, List<String> problems) {

    public static final String PREFIX = "ojs.health.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String UNREACHABLE_AFTER = PREFIX + "unreachable-after";
    public static final String STALL_AFTER = PREFIX + "stall-after";
    static final Set<String> KEYS = Set.of(ENABLED, UNREACHABLE_AFTER, STALL_AFTER);

    public static final Duration DEFAULT_UNREACHABLE_AFTER = Duration.ofMinutes(1);
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(5);

    public HealthSettings {
        problems = List.copyOf(problems);
    }

    /** Every key at its default. */
    public static HealthSettings defaults() {
        return new HealthSettings(true, DEFAULT_UNREACHABLE_AFTER, DEFAULT_STALL_AFTER, List.of());
    }

    public static HealthSettings read(Config config) {
        List<String> problems = new ArrayList<>();
        boolean enabled = raw(config, ENABLED).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                problems.add(CFG_0250 + ": " + ENABLED + "='" + v + "' must be true or false");
                yield Boolean.TRUE;
            }
        }).orElse(true);
        Duration unreachable = duration(config, UNREACHABLE_AFTER, DEFAULT_UNREACHABLE_AFTER, CFG_0251, problems);
        Duration stall = duration(config, STALL_AFTER, DEFAULT_STALL_AFTER, CFG_0252, problems);
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key) && !ConfigOrigins.outsideTheApplication(key)) {
                problems.add(CFG_0253 + ": unknown key '" + key + "'; the health checks read "
                        + KEYS.stream().sorted().toList());
            }
        }
        problems.sort(null);
        return new HealthSettings(enabled, unreachable, stall, problems);
    }

    /** All problems in one message, for a deployment failure. */
    public String describe() {
        int n = problems.size();
        return "OJS found " + n + " health configuration problem" + (n == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems);
    }

    private static Duration duration(Config config, String key, Duration def, Messages id, List<String> problems) {
        Optional<String> value = raw(config, key);
        if (value.isEmpty()) {
            return def;
        }
        Duration d = ConfigDurations.parse(value.get());
        if (d == null || d.isZero() || d.isNegative()) {
            problems.add(id + ": " + key + "='" + value.get() + "' must be a positive duration: "
                    + ConfigDurations.FORMS);
            return def;
        }
        return d;
    }

    private static Optional<String> raw(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }
}
