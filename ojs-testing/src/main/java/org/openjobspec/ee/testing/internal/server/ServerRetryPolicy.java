package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** options.retry (ojs-retry.md §2, protocol digest §4.1), validated and ready to compute backoff. */
record ServerRetryPolicy(int maxAttempts, long initialMs, double coefficient, long maxIntervalMs, boolean jitter,
                          List<String> nonRetryable, boolean deadLetter, String strategy) {

    public static final ServerRetryPolicy DEFAULT =
            new ServerRetryPolicy(3, 1000, 2.0, 300_000, true, List.of(), false, "exponential");

    static ServerRetryPolicy parse(JsonValue value, String field) {
        if (!(value instanceof JsonObject o)) {
            throw ApiException.invalid(Messages.SRV_0120, "'" + field + "' must be an object.",
                    "Send the retry policy as {\"max_attempts\":3,\"initial_interval\":\"PT1S\",...}.", field);
        }
        int maxAttempts = DEFAULT.maxAttempts;
        if (o.containsKey("max_attempts")) {
            if (!(o.get("max_attempts") instanceof JsonNumber n) || !n.isIntegral()) {
                throw ApiException.invalid(Messages.SRV_0121, "'" + field + ".max_attempts' must be an integer.",
                        "Use a whole number >= 0.", field + ".max_attempts");
            }
            if (n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                throw validation(Messages.SRV_0122, "'" + field + ".max_attempts' must be >= 0, got " + n + ".",
                        "Use 0 (no retries) or a positive number of total attempts.", field + ".max_attempts");
            }
            maxAttempts = n.intValue();
        }
        long initial = duration(o, "initial_interval", field, DEFAULT.initialMs);
        long maxInterval = duration(o, "max_interval", field, DEFAULT.maxIntervalMs);
        double coefficient = DEFAULT.coefficient;
        if (o.containsKey("backoff_coefficient")) {
            if (!(o.get("backoff_coefficient") instanceof JsonNumber n)) {
                throw ApiException.invalid(Messages.SRV_0123, "'" + field + ".backoff_coefficient' must be a number.",
                        "Use a number >= 1.0, e.g. 2.0.", field + ".backoff_coefficient");
            }
            coefficient = n.doubleValue();
            if (coefficient < 1.0) {
                throw validation(Messages.SRV_0124, "'" + field + ".backoff_coefficient' must be >= 1.0, got " + n + ".",
                        "Use 1.0 for a constant delay or a larger factor for growing delays.",
                        field + ".backoff_coefficient");
            }
        }
        boolean jitter = DEFAULT.jitter;
        if (o.containsKey("jitter")) {
            JsonValue j = o.get("jitter");
            if (j != JsonValue.TRUE && j != JsonValue.FALSE) {
                throw ApiException.invalid(Messages.SRV_0125, "'" + field + ".jitter' must be a boolean.",
                        "Use true or false.", field + ".jitter");
            }
            jitter = j == JsonValue.TRUE;
        }
        List<String> nonRetryable = new ArrayList<>();
        if (o.containsKey("non_retryable_errors") && !Json.isNull(o.get("non_retryable_errors"))) {
            if (!(o.get("non_retryable_errors") instanceof JsonArray a)) {
                throw ApiException.invalid(Messages.SRV_0126, "'" + field + ".non_retryable_errors' must be an array.",
                        "List error types as strings; end an entry with '.*' for a prefix match.",
                        field + ".non_retryable_errors");
            }
            for (JsonValue e : a) {
                if (!(e instanceof JsonString s)) {
                    throw ApiException.invalid(Messages.SRV_0126,
                            "'" + field + ".non_retryable_errors' must contain only strings.",
                            "List error types as strings.", field + ".non_retryable_errors");
                }
                nonRetryable.add(s.getString());
            }
        }
        boolean deadLetter = false;
        if (o.containsKey("on_exhaustion") && !Json.isNull(o.get("on_exhaustion"))) {
            String v = o.get("on_exhaustion") instanceof JsonString s ? s.getString() : null;
            if (!"discard".equals(v) && !"dead_letter".equals(v)) {
                throw ApiException.invalid(Messages.SRV_0127,
                        "'" + field + ".on_exhaustion' must be \"discard\" or \"dead_letter\".",
                        "Use \"dead_letter\" to keep exhausted jobs in the dead-letter queue.",
                        field + ".on_exhaustion");
            }
            deadLetter = "dead_letter".equals(v);
        }
        String strategy = "exponential";
        for (String key : List.of("backoff_strategy", "backoff_type")) {
            if (o.containsKey(key) && !Json.isNull(o.get(key))) {
                String v = o.get(key) instanceof JsonString s ? s.getString() : null;
                if (v == null || !List.of("exponential", "linear", "constant", "none", "polynomial").contains(v)) {
                    throw ApiException.invalid(Messages.SRV_0128,
                            "'" + field + "." + key + "' must be exponential, linear, constant, none or polynomial.",
                            "Pick one of the listed strategies.", field + "." + key);
                }
                strategy = v;
            }
        }
        return new ServerRetryPolicy(maxAttempts, initial, coefficient, maxInterval, jitter, List.copyOf(nonRetryable),
                deadLetter, strategy);
    }

    private static long duration(JsonObject o, String key, String field, long dflt) {
        if (!o.containsKey(key) || Json.isNull(o.get(key))) {
            return dflt;
        }
        Duration d = o.get(key) instanceof JsonString s ? Times.parseDuration(s.getString()) : null;
        if (d == null) {
            throw ApiException.invalid(Messages.SRV_0129,
                    "'" + field + "." + key + "' must be a positive ISO 8601 duration such as \"PT1S\".",
                    "Write durations as PT#H#M#S, e.g. \"PT0.5S\", \"PT30S\", \"PT5M\".", field + "." + key);
        }
        return d.toMillis();
    }

    private static ApiException validation(Messages id, String message, String hint, String field) {
        return new ApiException(422, "validation_error", "validation_error", id + ": " + message, hint,
                Json.obj().add("field", field).build(), false);
    }

    /** Delay before retry number {@code n} (1 = first retry), per ojs-retry.md §3/§5 including jitter. */
    public long backoffMillis(int n) {
        int k = Math.max(1, n);
        double delay = switch (strategy) {
            case "linear" -> initialMs * (double) k;
            case "constant", "none" -> initialMs;
            case "polynomial" -> initialMs * Math.pow(k, coefficient);
            default -> initialMs * Math.pow(coefficient, k - 1);
        };
        delay = Math.min(delay, maxIntervalMs);
        if (jitter) {
            delay = Math.min(delay * ThreadLocalRandom.current().nextDouble(0.5, 1.5), maxIntervalMs);
        }
        return Math.max(0, Math.round(delay));
    }

    /** Exact match, or prefix match for entries ending in ".*" (ojs-retry.md §6.2). */
    public boolean isNonRetryable(List<String> candidates) {
        for (String pattern : nonRetryable) {
            for (String c : candidates) {
                if (c == null) {
                    continue;
                }
                if (pattern.endsWith(".*") ? c.startsWith(pattern.substring(0, pattern.length() - 1))
                        || c.equals(pattern.substring(0, pattern.length() - 2)) : c.equals(pattern)) {
                    return true;
                }
            }
        }
        return false;
    }
}
