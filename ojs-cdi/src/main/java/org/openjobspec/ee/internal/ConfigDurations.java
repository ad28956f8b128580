package org.openjobspec.ee.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one reading of duration values for every {@code ojs.*} key, client and worker alike. */
public final class ConfigDurations {

    /** The accepted forms, for messages that tell how to fix a value. */
    public static final String FORMS = "ISO-8601 such as PT5S or PT0.5S, 500ms, 5s, 2m, 1h, or plain milliseconds "
            + "such as 5000";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h)?");

    private ConfigDurations() {
    }

    /** {@code text} as a duration, or {@code null} if it is none of the {@link #FORMS}. */
    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        var m = SHORT.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
    }
}
