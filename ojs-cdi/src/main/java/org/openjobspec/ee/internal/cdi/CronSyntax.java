package org.openjobspec.ee.internal.cdi;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the syntax of a cron schedule at deployment, so a typo fails there and not at the server when the
 * application starts. It does not compute ticks (that is the server's job, and the library carries no scheduler):
 * a well-formed expression that never fires, such as {@code 0 0 31 2 *}, is left to the server to refuse.
 */
final class CronSyntax {

    static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight",
            "@hourly");
    private static final Pattern EVERY = Pattern.compile("(?:[1-9][0-9]*h)?(?:[1-9][0-9]*m)?(?:[1-9][0-9]*s)?");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** The forms accepted, for messages. */
    static final String FORMS = "5 fields (minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\" or "
            + "\"*/15 9-17 * * MON-FRI\"), a macro (" + String.join(", ", MACROS.stream().sorted().toList())
            + ") or \"@every <duration>\" (e.g. @every 30s, @every 1h30m)";

    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day-of-month", 1, 31, List.of()),
            new Field("month", 1, 12, MONTHS),
            new Field("day-of-week", 0, 7, DAYS));

    private CronSyntax() {
    }

    /** Why {@code expression} is not a valid schedule, or {@code null} when it is. */
    static String problem(String expression) {
        String e = expression == null ? "" : expression.trim();
        if (e.isEmpty()) {
            return "it is empty";
        }
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@every")) {
            String d = lower.substring("@every".length()).trim();
            return !d.isEmpty() && EVERY.matcher(d).matches() && lower.charAt(6) == ' ' ? null
                    : "'@every' needs a positive duration in hours, minutes and seconds, such as 30s, 5m or 1h30m";
        }
        if (e.startsWith("@")) {
            return MACROS.contains(lower) ? null : "unknown macro '" + e + "'";
        }
        String[] fields = e.split("\\s+");
        if (fields.length != FIELDS.size()) {
            return "it has " + fields.length + " field" + (fields.length == 1 ? "" : "s") + ", not 5";
        }
        for (int i = 0; i < fields.length; i++) {
            String why = field(fields[i], FIELDS.get(i));
            if (why != null) {
                return FIELDS.get(i).name() + " '" + fields[i] + "': " + why;
            }
        }
        return null;
    }

    private static String field(String text, Field f) {
        for (String item : text.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                Integer step = number(item.substring(slash + 1));
                if (step == null || step < 1 || step > f.max()) {
                    return "step '" + item.substring(slash + 1) + "' must be a number from 1 to " + f.max();
                }
            }
            if (range.equals("*")) {
                continue;
            }
            int dash = range.indexOf('-');
            String from = dash < 0 ? range : range.substring(0, dash);
            Integer low = value(from, f);
            if (low == null) {
                return "'" + from + "' is not a value from " + f.min() + " to " + f.max()
                        + (f.names().isEmpty() ? "" : " or a name " + f.names().get(0) + "-"
                        + f.names().get(f.names().size() - 1));
            }
            if (dash >= 0) {
                Integer high = value(range.substring(dash + 1), f);
                if (high == null || high < low) {
                    return "range '" + range + "' must go from a lower to a higher value within " + f.min() + "-"
                            + f.max();
                }
            } else if (slash >= 0) {
                // "5/15" means from 5 on, every 15: fine
                continue;
            }
        }
        return null;
    }

    private static Integer value(String text, Field f) {
        int named = f.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + (f.names() == MONTHS ? 1 : 0);
        }
        Integer n = number(text);
        return n != null && n >= f.min() && n <= f.max() ? n : null;
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
