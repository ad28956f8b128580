package org.openjobspec.ee.model;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code GET /ojs/v1/events} answer (event polling, ojs-events.md).
 *
 * @param events  CloudEvents-style envelopes ({@code id}, {@code type}, {@code time}, {@code subject},
 *                {@code data}), oldest first; never {@code null}
 * @param cursor  the {@code after} of the next poll; may be {@code null} while the server has no event
 * @param hasMore whether more events follow at once
 */
public record EventPage(List<JsonObject> events, String cursor, @JsonbProperty("has_more") Boolean hasMore) {
    public EventPage {
        events = Wire.copyOrEmpty(events);
    }

    /** Whether the server said more events follow. */
    public boolean more() {
        return Boolean.TRUE.equals(hasMore);
    }
}
