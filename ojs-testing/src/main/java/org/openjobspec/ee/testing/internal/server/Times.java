package org.openjobspec.ee.testing.internal.server;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timestamps (RFC 3339, UTC, millisecond precision) and ISO 8601 durations as OJS servers read them. */
final class Times {
    private static final DateTimeFormatter OUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    // PT#H#M#S, fractional seconds allowed; also P#D for day-sized periods (unique windows).
    private static final Pattern DURATION =
            Pattern.compile("^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

    private Times() {
    }

    /** The last day formatted: its first millisecond and its "yyyy-MM-ddT" text (one per day, shared). */
    private record Day(long start, String prefix) {
    }

    private static volatile Day lastDay = new Day(Long.MIN_VALUE, "");

    /** RFC 3339 UTC with milliseconds; the date part is cached per day because this runs for every job field. */
    public static String format(long epochMillis) {
        Day day = lastDay;
        long offset = epochMillis - day.start;
        if (offset < 0 || offset >= 86_400_000L) {
            if (epochMillis < 0) {
                return OUT.format(Instant.ofEpochMilli(epochMillis));
            }
            long start = epochMillis - Math.floorMod(epochMillis, 86_400_000L);
            String full = OUT.format(Instant.ofEpochMilli(start));
            day = new Day(start, full.substring(0, full.indexOf('T') + 1));
            lastDay = day;
            offset = epochMillis - start;
        }
        char[] t = new char[13];
        int ms = (int) offset;
        two(t, 0, ms / 3_600_000);
        t[2] = ':';
        two(t, 3, ms / 60_000 % 60);
        t[5] = ':';
        two(t, 6, ms / 1000 % 60);
        t[8] = '.';
        int milli = ms % 1000;
        t[9] = (char) ('0' + milli / 100);
        t[10] = (char) ('0' + milli / 10 % 10);
        t[11] = (char) ('0' + milli % 10);
        t[12] = 'Z';
        return day.prefix.concat(new String(t));
    }

    private static void two(char[] t, int at, int v) {
        t[at] = (char) ('0' + v / 10);
        t[at + 1] = (char) ('0' + v % 10);
    }

    /** RFC 3339 with a zone, or "+PT5S" relative to now; returns epoch millis or null when invalid. */
    public static Long parseTimestamp(String text, long now) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.startsWith("+")) {
            Duration d = parseDuration(text.substring(1));
            return d == null ? null : now + d.toMillis();
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** ISO 8601 duration (PT1S, PT0.5S, PT5M, PT1H, P1D); null when invalid or not positive. */
    public static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return null;
        }
        BigDecimal ms = BigDecimal.ZERO;
        if (m.group(1) != null) {
            ms = ms.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(86_400_000L)));
        }
        if (m.group(2) != null) {
            ms = ms.add(new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(3_600_000L)));
        }
        if (m.group(3) != null) {
            ms = ms.add(new BigDecimal(m.group(3)).multiply(BigDecimal.valueOf(60_000L)));
        }
        if (m.group(4) != null) {
            ms = ms.add(new BigDecimal(m.group(4)).multiply(BigDecimal.valueOf(1000L)));
        }
        long millis = ms.longValue();
        return millis <= 0 ? null : Duration.ofMillis(millis);
    }
}
