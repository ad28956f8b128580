package org.openjobspec.ee.internal.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigOrigins;

import static org.openjobspec.ee.internal.Messages.CFG_0070;
import static org.openjobspec.ee.internal.Messages.CFG_0071;
import static org.openjobspec.ee.internal.Messages.CFG_0072;
import static org.openjobspec.ee.internal.Messages.CFG_0073;

/**
 * Per-entry overrides of {@code @Cron} in MicroProfile Config, in the style of the per-handler keys:
 * {@code ojs.cron."<name>".expression}, {@code .timezone} and {@code .enabled}. Each declared entry's keys are looked
 * up by name, so environment variables work by MicroProfile Config's mapping
 * ({@code OJS_CRON__NIGHTLY_REPORT__EXPRESSION}); keys in the application's own sources are also checked for typos.
 */
final class CronConfig {

    static final String PREFIX = "ojs.cron.";
    private static final Pattern KEY = Pattern.compile("^ojs\\.cron\\.\"([^\"]+)\"\\.([a-z-]+)$");
    private static final Set<String> PROPERTIES = Set.of("expression", "timezone", "enabled");

    /** A declared entry with its overrides applied. */
    record Effective(CronSpec spec, String expression, String timezone, boolean enabled) {
    }

    private final List<String> problems = new ArrayList<>();
    private final List<Effective> entries = new ArrayList<>();

    private CronConfig(Config config, List<CronSpec> crons) {
        Set<String> names = new TreeSet<>();
        for (CronSpec c : crons) {
            names.add(c.name());
            String expression = raw(config, key(c.name(), "expression")).orElse(c.expression());
            String why = CronSyntax.problem(expression);
            if (why != null && !expression.equals(c.expression())) {
                problems.add(CFG_0070 + ": " + key(c.name(), "expression") + "='" + expression + "' is invalid ("
                        + why + "); use " + CronSyntax.FORMS);
            }
            String timezone = raw(config, key(c.name(), "timezone")).orElse(c.timezone());
            if (!CronValidator.isZone(timezone) && !timezone.equals(c.timezone())) {
                problems.add(CFG_0071 + ": " + key(c.name(), "timezone") + "='" + timezone + "' is not an IANA zone "
                        + "id; use for example UTC or Europe/Berlin");
            }
            boolean enabled = true;
            Optional<String> on = raw(config, key(c.name(), "enabled"));
            if (on.isPresent()) {
                if (on.get().equalsIgnoreCase("true") || on.get().equalsIgnoreCase("false")) {
                    enabled = Boolean.parseBoolean(on.get());
                } else {
                    problems.add(CFG_0072 + ": " + key(c.name(), "enabled") + "='" + on.get() + "' is not a boolean; "
                            + "use true or false");
                }
            }
            entries.add(new Effective(c, expression, timezone, enabled));
        }
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(PREFIX) || ConfigOrigins.outsideTheApplication(key)) {
                continue;
            }
            Matcher m = KEY.matcher(key);
            if (!m.matches() || !PROPERTIES.contains(m.group(2))) {
                problems.add(CFG_0073 + ": '" + key + "' is not a cron key; use ojs.cron.\"<name>\".expression, "
                        + ".timezone or .enabled");
            } else if (!names.contains(m.group(1))) {
                problems.add(CFG_0073 + ": '" + key + "' configures cron entry '" + m.group(1) + "', which no @Cron "
                        + "declares; declared: " + names);
            }
        }
    }

    static CronConfig read(Config config, List<CronSpec> crons) {
        return new CronConfig(config, crons);
    }

    static String key(String name, String property) {
        return PREFIX + "\"" + name + "\"." + property;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<Effective> entries() {
        return List.copyOf(entries);
    }

    private static Optional<String> raw(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim);
    }
}
