package org.openjobspec.ee.testing.internal.server;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standard 5-field cron (minute hour day-of-month month day-of-week) with lists, ranges, steps, month and
 * day names, the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly macros and "@every &lt;duration&gt;".
 */
final class CronExpression {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Pattern EVERY = Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean dayRestricted;
    private final boolean weekdayRestricted;
    private final Duration every;

    private CronExpression(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                           boolean dayRestricted, boolean weekdayRestricted, Duration every) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.weekdays = weekdays;
        this.dayRestricted = dayRestricted;
        this.weekdayRestricted = weekdayRestricted;
        this.every = every;
    }

    /** @throws IllegalArgumentException with a readable reason when the expression is invalid */
    public static CronExpression parse(String expression) {
        String e = expression.trim();
        if (e.toLowerCase(Locale.ROOT).startsWith("@every ")) {
            Matcher m = EVERY.matcher(e.substring(7).trim());
            if (!m.matches() || e.substring(7).trim().isEmpty()) {
                throw new IllegalArgumentException("'@every' needs a duration such as 30s, 5m or 1h30m");
            }
            long s = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                    + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                    + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
            if (s <= 0) {
                throw new IllegalArgumentException("'@every' needs a positive duration");
            }
            return new CronExpression(null, null, null, null, null, false, false, Duration.ofSeconds(s));
        }
        if (e.startsWith("@")) {
            String macro = MACROS.get(e.toLowerCase(Locale.ROOT));
            if (macro == null) {
                throw new IllegalArgumentException("unknown macro '" + e + "'; use one of " + MACROS.keySet()
                        + " or '@every <duration>'");
            }
            e = macro;
        }
        String[] f = e.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + f.length);
        }
        BitSet wd = field(f[4], 0, 7, DAYS, "day-of-week");
        if (wd.get(7)) {
            wd.set(0);
            wd.clear(7);
        }
        return new CronExpression(field(f[0], 0, 59, null, "minute"), field(f[1], 0, 23, null, "hour"),
                field(f[2], 1, 31, null, "day-of-month"), field(f[3], 1, 12, MONTHS, "month"), wd,
                !f[2].equals("*") && !f[2].equals("?"), !f[4].equals("*") && !f[4].equals("?"), null);
    }

    private static BitSet field(String text, int min, int max, String[] names, String label) {
        BitSet bits = new BitSet();
        for (String part : text.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), null, 0, label);
                range = part.substring(0, slash);
                if (step <= 0) {
                    throw new IllegalArgumentException(label + " step must be positive in '" + part + "'");
                }
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                lo = number(ab[0], names, min, label);
                hi = number(ab[1], names, min, label);
            } else {
                lo = number(range, names, min, label);
                hi = slash >= 0 ? max : lo;
            }
            if (lo < min || hi > max || lo > hi) {
                throw new IllegalArgumentException(label + " value '" + part + "' is outside " + min + "-" + max);
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, String[] names, int base, String label) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(s)) {
                    return i + base;
                }
            }
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("invalid " + label + " value '" + s + "'");
        }
    }

    /** The first firing time strictly after {@code after}, in {@code zone}; null if none within 5 years. */
    public ZonedDateTime next(ZonedDateTime after, ZoneId zone) {
        if (every != null) {
            return after.plus(every).withZoneSameInstant(zone);
        }
        ZonedDateTime t = after.withZoneSameInstant(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = days.get(t.getDayOfMonth());
        boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (dayRestricted && weekdayRestricted) {
            return dom || dow; // classic cron: either restriction may match
        }
        return dom && dow;
    }
}
