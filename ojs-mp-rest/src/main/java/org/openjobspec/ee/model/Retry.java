package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * Retry policy on the wire ({@code options.retry}). Intervals are ISO 8601 durations ({@code "PT1S"}),
 * which is what servers parse; the {@code *_ms} twins some SDKs send are ignored by servers.
 *
 * @param maxAttempts         total attempts including the first
 * @param initialInterval     first retry delay, ISO 8601 ({@code PT#H#M#S})
 * @param backoffCoefficient  multiplier, at least 1.0
 * @param maxInterval         delay cap, ISO 8601
 * @param jitter              randomize delays
 * @param nonRetryableErrors  error types that discard immediately ({@code prefix.*} allowed)
 * @param onExhaustion        {@code discard} or {@code dead_letter}
 * @param backoffType         server extension: exponential, linear, constant
 */
public record Retry(
        @JsonbProperty("max_attempts") Integer maxAttempts,
        @JsonbProperty("initial_interval") String initialInterval,
        @JsonbProperty("backoff_coefficient") Double backoffCoefficient,
        @JsonbProperty("max_interval") String maxInterval,
        Boolean jitter,
        @JsonbProperty("non_retryable_errors") List<String> nonRetryableErrors,
        @JsonbProperty("on_exhaustion") String onExhaustion,
        @JsonbProperty("backoff_type") String backoffType) {

    public Retry {
        nonRetryableErrors = Wire.copyOrNull(nonRetryableErrors);
    }
}
