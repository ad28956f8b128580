package org.openjobspec.ee.model;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.adapter.JsonbAdapter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads RFC 3339 timestamps with any zone offset and writes UTC ({@code 2026-01-02T03:04:05.678Z}).
 *
 * <p>A timestamp without a zone is not RFC 3339; servers should never send one, but losing a whole job
 * because of one field would be worse, so it is read as UTC.
 */
public final class Rfc3339 implements JsonbAdapter<Instant, String> {

    @Override
    public String adaptToJson(Instant instant) {
        return format(instant);
    }

    @Override
    public Instant adaptFromJson(String text) {
        return parse(text);
    }

    /** Formats an instant as an RFC 3339 UTC timestamp, or returns {@code null} for {@code null}. */
    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Parses an RFC 3339 timestamp with any offset; blank gives {@code null}. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new JsonbException("not an RFC 3339 timestamp: '" + abbreviate(trimmed) + "'", e);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
