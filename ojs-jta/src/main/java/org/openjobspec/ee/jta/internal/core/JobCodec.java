package org.openjobspec.ee.jta.internal.core;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.RateLimitPolicy;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.UniquePolicy;
import org.openjobspec.ee.model.Rfc3339;
import org.openjobspec.ee.model.WireJson;

/**
 * Turns a job into the text an outbox row keeps and back. Args are written as the JSON array the wire will carry,
 * at staging time, so a later change to the caller's objects cannot change the job. Options use the OJS wire
 * names; a relative delay becomes an absolute {@code scheduled_at}, counted from the commit's side, not from the
 * relay's.
 */
final class JobCodec {

    private static final JsonProvider JSON = WireJson.provider();

    private final Jsonb jsonb;

    JobCodec(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    String args(Object args) {
        if (args == null) {
            return "[]";
        }
        if (args instanceof JsonArray array) {
            return array.toString();
        }
        List<?> values = args instanceof JobArgs positional ? positional.values() : List.of(args);
        StringBuilder out = new StringBuilder("[");
        for (Object value : values) {
            out.append(out.length() > 1 ? "," : "").append(json(value));
        }
        return out.append(']').toString();
    }

    private String json(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof JsonValue json ? json.toString() : jsonb.toJson(value);
    }

    String options(EnqueueOptions o) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        put(b, "queue", o.queue());
        put(b, "priority", o.priority());
        put(b, "timeout_ms", o.timeout() == null ? null : o.timeout().toMillis());
        Instant scheduled = o.delay() != null ? Instant.now().plus(o.delay()) : o.scheduledAt();
        put(b, "scheduled_at", Rfc3339.format(scheduled));
        put(b, "expires_at", Rfc3339.format(o.expiresAt()));
        put(b, "visibility_timeout_ms", o.visibilityTimeout() == null ? null : o.visibilityTimeout().toMillis());
        put(b, "schema", o.schema());
        put(b, "tags", o.tags());
        if (o.retry() != null) {
            b.add("retry", retry(o.retry()));
        }
        if (o.unique() != null) {
            b.add("unique", unique(o.unique()));
        }
        if (o.rateLimit() != null) {
            b.add("rate_limit", rateLimit(o.rateLimit()));
        }
        if (!o.meta().isEmpty()) {
            JsonObjectBuilder meta = JSON.createObjectBuilder();
            o.meta().forEach(meta::add);
            b.add("meta", meta);
        }
        return b.build().toString();
    }

    private static JsonObject retry(RetryPolicy p) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        put(b, "max_attempts", p.maxAttempts());
        put(b, "initial_interval", p.initialInterval());
        put(b, "backoff_coefficient", p.backoffCoefficient());
        put(b, "max_interval", p.maxInterval());
        put(b, "jitter", p.jitter());
        put(b, "non_retryable_errors", p.nonRetryableErrors());
        put(b, "on_exhaustion", p.onExhaustion());
        put(b, "backoff", p.backoff());
        return b.build();
    }

    private static JsonObject unique(UniquePolicy p) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        put(b, "keys", p.keys() == null ? null : p.keys().stream().map(Enum::name).toList());
        put(b, "period", p.period());
        put(b, "on_conflict", p.onConflict());
        put(b, "states", p.states());
        return b.build();
    }

    private static JsonObject rateLimit(RateLimitPolicy p) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        put(b, "key", p.key());
        put(b, "concurrency", p.concurrency());
        put(b, "rate", window(p.rate()));
        put(b, "throttle", window(p.throttle()));
        put(b, "on_limit", p.onLimit());
        return b.build();
    }

    private static JsonObject window(RateLimitPolicy.Window w) {
        return w == null ? null : JSON.createObjectBuilder().add("limit", w.limit())
                .add("period", w.period().toString()).build();
    }

    private static RateLimitPolicy rateLimitPolicy(JsonObject o) {
        RateLimitPolicy p = RateLimitPolicy.key(o.containsKey("key") ? text(o.get("key")) : null);
        p = with(p, o, "concurrency", v -> ((JsonNumber) v).intValue(), RateLimitPolicy::concurrency);
        p = with(p, o, "rate", JsonValue::asJsonObject, (x, w) -> x.rate(w.getInt("limit"),
                Duration.parse(w.getString("period"))));
        p = with(p, o, "throttle", JsonValue::asJsonObject, (x, w) -> x.throttle(w.getInt("limit"),
                Duration.parse(w.getString("period"))));
        return with(p, o, "on_limit", v -> RateLimitPolicy.OnLimit.valueOf(text(v)), RateLimitPolicy::onLimit);
    }

    private static void put(JsonObjectBuilder b, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Integer n) {
            b.add(key, n);
        } else if (value instanceof Long n) {
            b.add(key, n);
        } else if (value instanceof Double n) {
            b.add(key, n);
        } else if (value instanceof JsonValue json) {
            b.add(key, json);
        } else if (value instanceof Boolean flag) {
            b.add(key, flag);
        } else if (value instanceof List<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(String.valueOf(item)));
            b.add(key, array);
        } else {
            b.add(key, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    /** The job a row holds, with its fixed id; throws IllegalArgumentException for text this class did not write. */
    JobSpec decode(String jobId, String type, String args, String options) {
        try {
            JsonArray argArray = read(args).asJsonArray();
            JsonObject o = read(options).asJsonObject();
            EnqueueOptions opts = EnqueueOptions.defaults().id(jobId);
            opts = with(opts, o, "queue", JobCodec::text, EnqueueOptions::queue);
            opts = with(opts, o, "priority", v -> ((JsonNumber) v).intValue(), EnqueueOptions::priority);
            opts = with(opts, o, "timeout_ms", v -> Duration.ofMillis(((JsonNumber) v).longValue()),
                    EnqueueOptions::timeout);
            opts = with(opts, o, "scheduled_at", v -> Rfc3339.parse(text(v)), EnqueueOptions::scheduledAt);
            opts = with(opts, o, "expires_at", v -> Rfc3339.parse(text(v)), EnqueueOptions::expiresAt);
            opts = with(opts, o, "visibility_timeout_ms", v -> Duration.ofMillis(((JsonNumber) v).longValue()),
                    EnqueueOptions::visibilityTimeout);
            opts = with(opts, o, "schema", JobCodec::text, EnqueueOptions::schema);
            opts = with(opts, o, "tags", JobCodec::strings, (x, tags) -> x.tags(tags.toArray(String[]::new)));
            opts = with(opts, o, "retry", v -> retryPolicy(v.asJsonObject()), EnqueueOptions::retry);
            opts = with(opts, o, "unique", v -> uniquePolicy(v.asJsonObject()), EnqueueOptions::unique);
            opts = with(opts, o, "rate_limit", v -> rateLimitPolicy(v.asJsonObject()), EnqueueOptions::rateLimit);
            opts = with(opts, o, "meta", JsonValue::asJsonObject, EnqueueOptions::meta);
            return JobSpec.of(type, argArray, opts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("outbox row of job " + jobId + " cannot be read: " + e, e);
        }
    }

    private static RetryPolicy retryPolicy(JsonObject o) {
        RetryPolicy p = RetryPolicy.defaults();
        p = with(p, o, "max_attempts", v -> ((JsonNumber) v).intValue(), RetryPolicy::maxAttempts);
        p = with(p, o, "initial_interval", v -> Duration.parse(text(v)), RetryPolicy::initialInterval);
        p = with(p, o, "backoff_coefficient", v -> ((JsonNumber) v).doubleValue(), RetryPolicy::backoffCoefficient);
        p = with(p, o, "max_interval", v -> Duration.parse(text(v)), RetryPolicy::maxInterval);
        p = with(p, o, "jitter", v -> v == JsonValue.TRUE, RetryPolicy::jitter);
        p = with(p, o, "non_retryable_errors", JobCodec::strings,
                (x, types) -> x.nonRetryableErrors(types.toArray(String[]::new)));
        p = with(p, o, "on_exhaustion", v -> RetryPolicy.Exhaustion.valueOf(text(v)), RetryPolicy::onExhaustion);
        return with(p, o, "backoff", v -> RetryPolicy.Backoff.valueOf(text(v)), RetryPolicy::backoff);
    }

    private static UniquePolicy uniquePolicy(JsonObject o) {
        UniquePolicy p = o.containsKey("keys")
                ? UniquePolicy.by(strings(o.get("keys")).stream().map(UniquePolicy.Key::valueOf)
                        .toArray(UniquePolicy.Key[]::new))
                : UniquePolicy.defaults();
        p = with(p, o, "period", v -> Duration.parse(text(v)), UniquePolicy::period);
        p = with(p, o, "on_conflict", v -> UniquePolicy.OnConflict.valueOf(text(v)), UniquePolicy::onConflict);
        return with(p, o, "states", JobCodec::strings, (x, states) -> x.states(states.toArray(String[]::new)));
    }

    private static <T, V> T with(T target, JsonObject o, String key, Function<JsonValue, V> read,
                                 java.util.function.BiFunction<T, V, T> set) {
        JsonValue v = o.get(key);
        return v == null ? target : set.apply(target, read.apply(v));
    }

    private static String text(JsonValue v) {
        return ((JsonString) v).getString();
    }

    private static List<String> strings(JsonValue v) {
        return v.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonValue read(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
