package org.openjobspec.ee.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.JsonbException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    @Test
    void readsWhatTheJdkFormattersReadForRandomInstantsOffsetsAndFractions() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 4_000_000_000L + 2_000_000_000L,
                    random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(36 * 60 + 1) * 60 - 18 * 3600);
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
            assertThat(Rfc3339.parse(text)).as(text)
                    .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        }
    }

    @Test
    void readsTheEdgesOfTheCalendarAndOfTheFraction() {
        assertThat(Rfc3339.parse("2024-02-29T23:59:59.123456789-18:00"))
                .isEqualTo(Instant.parse("2024-03-01T17:59:59.123456789Z"));
        assertThat(Rfc3339.parse("1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(Rfc3339.parse("2026-01-02T03:04:05.6+05:30")).isEqualTo(Instant.parse("2026-01-01T21:34:05.600Z"));
        assertThat(Rfc3339.parse(" 2026-01-02T03:04:05.678Z ")).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(Rfc3339.parse("2026-01-02T03:04:05")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Rfc3339.parse("2026-01-02T03:04Z")).isEqualTo(Instant.parse("2026-01-02T03:04:00Z"));
        assertThat(Rfc3339.parse("")).isNull();
    }

    @Test
    void rejectsWhatIsNoTimestampWithTheTextInTheMessage() {
        for (String bad : new String[] {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:00+19:00",
                "2026-01-01T00:00:00+18:30",
                "2026-01-01T00:00:00.\u0661Z", "\u0662026-01-01T00:00:00Z",
                "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00Q", "yesterday", "2026-0a-01T00:00:00Z"}) {
            assertThatThrownBy(() -> Rfc3339.parse(bad)).as(bad).isInstanceOf(JsonbException.class)
                    .hasMessageContaining(bad);
        }
    }
}
