package org.openjobspec.ee;

import java.time.Duration;
import java.util.Objects;

/**
 * Rate limit of a job (OJS rate-limiting extension): every job that names the same key shares its limits, whatever
 * its queue or type. Immutable; set at least one limit.
 *
 * <pre>{@code RateLimitPolicy.key("smtp").concurrency(5).rate(100, Duration.ofMinutes(1)).onLimit(OnLimit.RESCHEDULE)}</pre>
 *
 * Sent as {@code options.rate_limit}; a server without the extension ignores it. The embedded server shows it on the
 * job and enforces only the concurrency (a job over it waits, whatever {@link #onLimit(OnLimit)} says).
 */
public final class RateLimitPolicy {

    /** What the server does with a job that would exceed the limit. */
    public enum OnLimit {
        /** Keep it until the limit allows it (the server's default). */
        WAIT,
        /** Schedule it again for later. */
        RESCHEDULE,
        /** Discard it. */
        DROP
    }

    /** At most {@code limit} job starts per {@code period}. */
    public record Window(int limit, Duration period) {
        public Window {
            Objects.requireNonNull(period, "period");
        }
    }

    private final String key;
    private final Integer concurrency;
    private final Window rate;
    private final Window throttle;
    private final OnLimit onLimit;

    private RateLimitPolicy(String key, Integer concurrency, Window rate, Window throttle, OnLimit onLimit) {
        this.key = key;
        this.concurrency = concurrency;
        this.rate = rate;
        this.throttle = throttle;
        this.onLimit = onLimit;
    }

    /** A limit named {@code key} ({@code ^[a-zA-Z0-9][a-zA-Z0-9._:-]*$}, e.g. {@code smtp} or {@code tenant:42}). */
    public static RateLimitPolicy key(String key) {
        return new RateLimitPolicy(key, null, null, null, null);
    }

    /** At most this many jobs of the key active at once. */
    public RateLimitPolicy concurrency(int value) {
        return new RateLimitPolicy(key, value, rate, throttle, onLimit);
    }

    /** At most {@code limit} starts per {@code period} (bursts allowed within the period). */
    public RateLimitPolicy rate(int limit, Duration period) {
        return new RateLimitPolicy(key, concurrency, new Window(limit, period), throttle, onLimit);
    }

    /** At most {@code limit} starts per {@code period}, spread evenly over it. */
    public RateLimitPolicy throttle(int limit, Duration period) {
        return new RateLimitPolicy(key, concurrency, rate, new Window(limit, period), onLimit);
    }

    /** What happens to a job over the limit (server default {@link OnLimit#WAIT}). */
    public RateLimitPolicy onLimit(OnLimit value) {
        return new RateLimitPolicy(key, concurrency, rate, throttle, value);
    }

    public String key() {
        return key;
    }

    public Integer concurrency() {
        return concurrency;
    }

    public Window rate() {
        return rate;
    }

    public Window throttle() {
        return throttle;
    }

    public OnLimit onLimit() {
        return onLimit;
    }
}
