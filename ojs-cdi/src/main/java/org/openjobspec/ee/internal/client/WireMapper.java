package org.openjobspec.ee.internal.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.RateLimitPolicy;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.UniquePolicy;
import org.openjobspec.ee.model.EnqueueRequest;
import org.openjobspec.ee.model.JobOptions;
import org.openjobspec.ee.model.RateLimit;
import org.openjobspec.ee.model.Rfc3339;
import org.openjobspec.ee.model.Retry;
import org.openjobspec.ee.model.Unique;
import org.openjobspec.ee.model.WireJson;
import org.openjobspec.ee.model.WorkflowJob;

import static org.openjobspec.ee.internal.Messages.CLI_0004;
import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0011;
import static org.openjobspec.ee.internal.Messages.CLI_0012;
import static org.openjobspec.ee.internal.Messages.CLI_0013;
import static org.openjobspec.ee.internal.Messages.CLI_0018;
import static org.openjobspec.ee.internal.Messages.CLI_0019;

/** Turns the public API's values into validated wire records (interop profile), running interceptors first. */
final class WireMapper {

    /** The rate-limiting extension's key pattern. */
    private static final java.util.regex.Pattern RATE_LIMIT_KEY =
            java.util.regex.Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._:-]*$");

    private final Jsonb jsonb;
    private final List<EnqueueInterceptor> interceptors;

    WireMapper(Jsonb jsonb, List<EnqueueInterceptor> interceptors) {
        this.jsonb = jsonb;
        this.interceptors = List.copyOf(interceptors);
    }

    /**
     * A job that passed the interceptors and validation, not yet written: enqueue observers may still add to its
     * meta.
     */
    record Prepared(OutgoingJob job, JobOptions options, String name) {
    }

    Prepared prepare(String type, Object args, EnqueueOptions options) {
        OutgoingJob job = intercept(type, args, options);
        JobOptions wireOptions = options(job.options());
        checkMetaKeys(job.meta());
        return new Prepared(job, wireOptions, null);
    }

    Prepared prepare(JobSpec spec) {
        Prepared prepared = prepare(spec.type(), spec.args(), spec.options());
        return new Prepared(prepared.job(), prepared.options(), spec.name());
    }

    EnqueueRequest enqueueRequest(Prepared prepared) {
        OutgoingJob job = prepared.job();
        return new EnqueueRequest(job.options().id(), job.type(), job.args(), meta(job), job.options().schema(),
                prepared.options());
    }

    WorkflowJob workflowJob(Prepared prepared) {
        OutgoingJob job = prepared.job();
        return new WorkflowJob(prepared.name(), job.type(), job.args(), meta(job), prepared.options());
    }

    /** Cron templates are stored, not sent as jobs now, so interceptors do not run on them. */
    org.openjobspec.ee.model.JobTemplate template(JobSpec spec) {
        Checks.jobType(spec.type());
        EnqueueOptions options = spec.options();
        checkMetaKeys(options.meta());
        JsonObject meta = options.meta().isEmpty() ? null : toObject(options.meta());
        return new org.openjobspec.ee.model.JobTemplate(spec.type(), args(spec.type(), spec.args()), meta, options(options));
    }

    private OutgoingJob intercept(String type, Object args, EnqueueOptions options) {
        Checks.jobType(type);
        OutgoingJob job = new OutgoingJob(type, args(type, args), options);
        for (EnqueueInterceptor interceptor : interceptors) {
            interceptor.beforeEnqueue(job);
        }
        return job;
    }

    JsonArray args(String type, Object args) {
        if (args == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (args instanceof JsonArray array) {
            return array;
        }
        JsonArrayBuilder array = WireJson.provider().createArrayBuilder();
        if (args instanceof JobArgs positional) {
            for (Object value : positional.values()) {
                array.add(toJson(type, value));
            }
        } else {
            array.add(toJson(type, args));
        }
        return array.build();
    }

    private JsonValue toJson(String type, Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        // the usual args, written as JSON-B would write them, without a round trip through text
        if (value instanceof String text) {
            return WireJson.provider().createValue(text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return WireJson.provider().createValue(((Number) value).longValue());
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        try {
            String text = jsonb.toJson(value);
            try (JsonReader reader = WireJson.provider().createReader(new StringReader(text))) {
                return reader.readValue();
            }
        } catch (RuntimeException e) {
            throw Checks.invalid(CLI_0004, "args of job '" + type + "' cannot be written as JSON ("
                    + value.getClass().getName() + ": " + e.getMessage() + "); pass a record, a POJO with getters, "
                    + "a Map, a JSON-P value or JobArgs.of(...)");
        }
    }

    private static JsonObject meta(OutgoingJob job) {
        return job.meta().isEmpty() ? null : toObject(job.meta());
    }

    private static void checkMetaKeys(Map<String, JsonValue> entries) {
        for (String key : entries.keySet()) {
            if (key == null || key.isEmpty()) {
                throw Checks.invalid(CLI_0011, "metadata keys must be non-empty strings");
            }
        }
    }

    private static JsonObject toObject(Map<String, JsonValue> entries) {
        JsonObjectBuilder builder = WireJson.provider().createObjectBuilder();
        entries.forEach((key, value) -> builder.add(key, value == null ? JsonValue.NULL : value));
        return builder.build();
    }

    static JobOptions options(EnqueueOptions o) {
        Checks.queue(o.queue());
        Checks.priority(o.priority());
        Checks.jobId(o.id());
        Checks.positive("timeout", o.timeout());
        Checks.positive("visibility timeout", o.visibilityTimeout());
        if (o.delay() != null && o.delay().isNegative()) {
            throw Checks.invalid(CLI_0006, "delay must not be negative, got " + o.delay());
        }
        if (o.tags() != null) {
            for (String tag : o.tags()) {
                if (tag == null || tag.isBlank()) {
                    throw Checks.invalid(CLI_0012, "tags must be non-blank strings");
                }
            }
        }
        Instant scheduled = o.delay() != null ? Instant.now().plus(o.delay()) : o.scheduledAt();
        JobOptions options = new JobOptions(o.queue(), o.priority(), millis(o.timeout()), Rfc3339.format(scheduled),
                Rfc3339.format(o.expiresAt()), retry(o.retry()), unique(o.unique()), o.tags(),
                millis(o.visibilityTimeout()), rateLimit(o.rateLimit()));
        return isEmpty(options) ? null : options;
    }

    private static boolean isEmpty(JobOptions o) {
        return o.queue() == null && o.priority() == null && o.timeoutMs() == null && o.scheduledAt() == null
                && o.expiresAt() == null && o.retry() == null && o.unique() == null && o.tags() == null
                && o.visibilityTimeoutMs() == null && o.rateLimit() == null;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    static Retry retry(RetryPolicy p) {
        if (p == null) {
            return null;
        }
        if (p.maxAttempts() != null && p.maxAttempts() < 0) {
            throw Checks.invalid(CLI_0006, "retry max attempts must be 0 or more, got " + p.maxAttempts());
        }
        if (p.backoffCoefficient() != null && !(p.backoffCoefficient() >= 1.0)) {
            throw Checks.invalid(CLI_0006, "retry backoff coefficient must be at least 1.0, got " + p.backoffCoefficient());
        }
        Checks.positive("retry initial interval", p.initialInterval());
        Checks.positive("retry max interval", p.maxInterval());
        return new Retry(p.maxAttempts(), iso(p.initialInterval()), p.backoffCoefficient(), iso(p.maxInterval()),
                p.jitter(), p.nonRetryableErrors(),
                p.onExhaustion() == null ? null : p.onExhaustion().name().toLowerCase(Locale.ROOT),
                p.backoff() == null ? null : p.backoff().name().toLowerCase(Locale.ROOT));
    }

    static Unique unique(UniquePolicy p) {
        if (p == null) {
            return null;
        }
        if (p.keys() != null && p.keys().isEmpty()) {
            throw Checks.invalid(CLI_0013, "unique policy needs at least one key (TYPE, QUEUE, ARGS, META)");
        }
        Checks.positive("unique period", p.period());
        List<String> keys = p.keys() == null ? null
                : p.keys().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
        return new Unique(keys, iso(p.period()),
                p.onConflict() == null ? null : p.onConflict().name().toLowerCase(Locale.ROOT), p.states());
    }

    static RateLimit rateLimit(RateLimitPolicy p) {
        if (p == null) {
            return null;
        }
        if (p.key() == null || !RATE_LIMIT_KEY.matcher(p.key()).matches()) {
            throw Checks.invalid(CLI_0018, "rate limit key must match " + RATE_LIMIT_KEY.pattern() + ", got "
                    + (p.key() == null ? "none" : "'" + p.key() + "'"));
        }
        if (p.concurrency() == null && p.rate() == null && p.throttle() == null) {
            throw Checks.invalid(CLI_0019, "rate limit '" + p.key() + "' sets no limit: give concurrency, rate or "
                    + "throttle");
        }
        if (p.concurrency() != null && p.concurrency() < 1) {
            throw Checks.invalid(CLI_0019, "rate limit '" + p.key() + "': concurrency must be at least 1, got "
                    + p.concurrency());
        }
        return new RateLimit(p.key(), p.concurrency(), window(p.key(), "rate", p.rate()),
                window(p.key(), "throttle", p.throttle()),
                p.onLimit() == null ? null : p.onLimit().name().toLowerCase(Locale.ROOT));
    }

    private static RateLimit.Window window(String key, String name, RateLimitPolicy.Window w) {
        if (w == null) {
            return null;
        }
        if (w.limit() < 1 || w.period().isNegative() || w.period().isZero()) {
            throw Checks.invalid(CLI_0019, "rate limit '" + key + "': " + name + " needs a limit of at least 1 per a "
                    + "positive period, got " + w.limit() + " per " + w.period());
        }
        return new RateLimit.Window(w.limit(), iso(w.period()));
    }

    /** {@code Duration.toString()} is exactly the {@code PT#H#M#S} form servers parse (never days). */
    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
