package org.openjobspec.ee.internal.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with jitter for an unreachable or overloaded server: the n-th consecutive failure waits
 * a random time in [d/2, d] with d = initial * 2^(n-1) capped at max, and never less than the server's Retry-After.
 * Public for the library's other loops that wait for a server: the client's retries ({@code internal.client.Retrier})
 * and cron reconciliation. Not thread-safe: one per sequence of failures.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final LongUnaryOperator random; // bound -> a value in [0, bound); a seam so tests know the jitter
    private int failures;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    public Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.random = random;
    }

    /** The wait after one more failure; {@code retryAfter} (may be null) is its floor. */
    public Duration nextDelay(Duration retryAfter) {
        failures++;
        long cap = max.toMillis();
        long exp = initial.toMillis() << Math.min(failures - 1, 30);
        long d = exp <= 0 || exp > cap ? cap : exp;
        long jittered = d / 2 + random.applyAsLong(d / 2 + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    public void reset() {
        failures = 0;
    }

    /** Failures since the last reset. */
    public int failures() {
        return failures;
    }
}
