package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * Unique (deduplication) policy on the wire ({@code options.unique}): the {@code keys} / ISO {@code period}
 * shape servers implement (not the {@code key} / {@code period_ms} shape the official SDKs send).
 *
 * @param keys       dimensions of the fingerprint: type, queue, args, meta
 * @param period     uniqueness window, ISO 8601 duration
 * @param onConflict reject, ignore or replace
 * @param states     states in which an existing job conflicts
 */
public record Unique(
        List<String> keys,
        String period,
        @JsonbProperty("on_conflict") String onConflict,
        List<String> states) {

    public Unique {
        keys = Wire.copyOrNull(keys);
        states = Wire.copyOrNull(states);
    }
}
