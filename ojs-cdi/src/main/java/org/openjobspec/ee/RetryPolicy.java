package org.openjobspec.ee;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server retries a failed job. Immutable; every method returns a modified copy.
 *
 * <pre>{@code RetryPolicy.attempts(5).initialInterval(Duration.ofSeconds(2)).onExhaustion(Exhaustion.DEAD_LETTER)}</pre>
 *
 * Unset values are left to the server (defaults: 3 attempts, 1 s initial interval, coefficient 2.0,
 * 5 min cap, jitter on). Intervals are sent as ISO 8601 durations, which is what servers parse.
 */
public final class RetryPolicy {

    /** What happens when attempts run out. */
    public enum Exhaustion {
        /** Drop the job ({@code discard}). */
        DISCARD,
        /** Keep it in the dead-letter queue ({@code dead_letter}). */
        DEAD_LETTER
    }

    /** Backoff curve (a server extension; exponential when unset). */
    public enum Backoff {
        EXPONENTIAL, LINEAR, CONSTANT
    }

    private final Integer maxAttempts;
    private final Duration initialInterval;
    private final Double backoffCoefficient;
    private final Duration maxInterval;
    private final Boolean jitter;
    private final List<String> nonRetryableErrors;
    private final Exhaustion onExhaustion;
    private final Backoff backoff;

    private RetryPolicy(Integer maxAttempts, Duration initialInterval, Double backoffCoefficient, Duration maxInterval,
                        Boolean jitter, List<String> nonRetryableErrors, Exhaustion onExhaustion, Backoff backoff) {
        this.maxAttempts = maxAttempts;
        this.initialInterval = initialInterval;
        this.backoffCoefficient = backoffCoefficient;
        this.maxInterval = maxInterval;
        this.jitter = jitter;
        this.nonRetryableErrors = nonRetryableErrors;
        this.onExhaustion = onExhaustion;
        this.backoff = backoff;
    }

    /** Everything left to the server's defaults. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(null, null, null, null, null, null, null, null);
    }

    /** At most {@code maxAttempts} attempts in total (including the first). */
    public static RetryPolicy attempts(int maxAttempts) {
        return defaults().maxAttempts(maxAttempts);
    }

    /** A single attempt: no retry. */
    public static RetryPolicy none() {
        return attempts(1);
    }

    public RetryPolicy maxAttempts(int value) {
        return new RetryPolicy(value, initialInterval, backoffCoefficient, maxInterval, jitter, nonRetryableErrors, onExhaustion, backoff);
    }

    public RetryPolicy initialInterval(Duration value) {
        return new RetryPolicy(maxAttempts, value, backoffCoefficient, maxInterval, jitter, nonRetryableErrors, onExhaustion, backoff);
    }

    public RetryPolicy backoffCoefficient(double value) {
        return new RetryPolicy(maxAttempts, initialInterval, value, maxInterval, jitter, nonRetryableErrors, onExhaustion, backoff);
    }

    public RetryPolicy maxInterval(Duration value) {
        return new RetryPolicy(maxAttempts, initialInterval, backoffCoefficient, value, jitter, nonRetryableErrors, onExhaustion, backoff);
    }

    public RetryPolicy jitter(boolean value) {
        return new RetryPolicy(maxAttempts, initialInterval, backoffCoefficient, maxInterval, value, nonRetryableErrors, onExhaustion, backoff);
    }

    /** Error types (as sent in a failure's {@code type}) that discard at once; {@code prefix.*} matches a prefix. */
    public RetryPolicy nonRetryableErrors(String... types) {
        List<String> list = List.of(Objects.requireNonNull(types, "types"));
        return new RetryPolicy(maxAttempts, initialInterval, backoffCoefficient, maxInterval, jitter, list, onExhaustion, backoff);
    }

    public RetryPolicy onExhaustion(Exhaustion value) {
        return new RetryPolicy(maxAttempts, initialInterval, backoffCoefficient, maxInterval, jitter, nonRetryableErrors, value, backoff);
    }

    public RetryPolicy backoff(Backoff value) {
        return new RetryPolicy(maxAttempts, initialInterval, backoffCoefficient, maxInterval, jitter, nonRetryableErrors, onExhaustion, value);
    }

    public Integer maxAttempts() {
        return maxAttempts;
    }

    public Duration initialInterval() {
        return initialInterval;
    }

    public Double backoffCoefficient() {
        return backoffCoefficient;
    }

    public Duration maxInterval() {
        return maxInterval;
    }

    public Boolean jitter() {
        return jitter;
    }

    public List<String> nonRetryableErrors() {
        return nonRetryableErrors;
    }

    public Exhaustion onExhaustion() {
        return onExhaustion;
    }

    public Backoff backoff() {
        return backoff;
    }
}
