package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Rate limit of a job on the wire ({@code options.rate_limit}, OJS rate-limiting extension): jobs sharing the
 * {@code key} are held to its limits, whatever their queue or type.
 *
 * @param key         the limit's name, {@code ^[a-zA-Z0-9][a-zA-Z0-9._:-]*$}
 * @param concurrency at most this many jobs of the key active at once
 * @param rate        at most {@code limit} starts per {@code period}
 * @param throttle    at most {@code limit} starts per {@code period}, spread evenly over it
 * @param onLimit     {@code wait} (default), {@code reschedule} or {@code drop}
 */
public record RateLimit(
        String key,
        Integer concurrency,
        Window rate,
        Window throttle,
        @JsonbProperty("on_limit") String onLimit) {

    /**
     * A number of starts per period.
     *
     * @param limit  starts allowed in one period
     * @param period ISO 8601 duration ({@code PT1M})
     */
    public record Window(Integer limit, String period) {
    }
}
