package org.openjobspec.ee;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openjobspec.ee.model.WireJson;

/**
 * Options of one job. Immutable: start from {@link #defaults()} and chain.
 *
 * <pre>{@code EnqueueOptions.defaults().queue("email").priority(10).retry(RetryPolicy.attempts(5))}</pre>
 *
 * Unset options are left to the server ({@code default} queue, priority 0, ...). The no-argument
 * methods read the current value ({@code null} when unset).
 */
public final class EnqueueOptions {

    private static final EnqueueOptions DEFAULTS = new EnqueueOptions(new Values());

    private final Values v;

    private EnqueueOptions(Values values) {
        this.v = values;
    }

    /** No option set. */
    public static EnqueueOptions defaults() {
        return DEFAULTS;
    }

    /** Queue to put the job on; {@code ^[a-z0-9][a-z0-9\-.]*$}, at most 128 characters. */
    public EnqueueOptions queue(String queue) {
        return with(c -> c.queue = queue);
    }

    /** Priority from -100 to 100; higher is fetched first. */
    public EnqueueOptions priority(int priority) {
        return with(c -> c.priority = priority);
    }

    /** How long one execution may take before the worker gives up on it. */
    public EnqueueOptions timeout(Duration timeout) {
        return with(c -> c.timeout = timeout);
    }

    /** Run no earlier than this long after the call; overrides {@link #scheduledAt(Instant)}. */
    public EnqueueOptions delay(Duration delay) {
        return with(c -> c.delay = delay);
    }

    /** Run no earlier than this time. */
    public EnqueueOptions scheduledAt(Instant at) {
        return with(c -> c.scheduledAt = at);
    }

    /** Discard the job if it has not started by this time. */
    public EnqueueOptions expiresAt(Instant at) {
        return with(c -> c.expiresAt = at);
    }

    /** Retry policy. */
    public EnqueueOptions retry(RetryPolicy retry) {
        return with(c -> c.retry = retry);
    }

    /** Deduplication policy. */
    public EnqueueOptions unique(UniquePolicy unique) {
        return with(c -> c.unique = unique);
    }

    /** Rate limit shared by every job with the same key (OJS rate-limiting extension). */
    public EnqueueOptions rateLimit(RateLimitPolicy rateLimit) {
        return with(c -> c.rateLimit = rateLimit);
    }

    /** Tags (replace earlier ones). */
    public EnqueueOptions tags(String... tags) {
        List<String> list = List.of(Objects.requireNonNull(tags, "tags"));
        return with(c -> c.tags = list);
    }

    /** How long a fetched job stays reserved for its worker without a heartbeat. */
    public EnqueueOptions visibilityTimeout(Duration timeout) {
        return with(c -> c.visibilityTimeout = timeout);
    }

    /** A client-chosen job id (lowercase UUIDv7); a second enqueue with the same id fails as duplicate. */
    public EnqueueOptions id(String id) {
        return with(c -> c.id = id);
    }

    /** Schema URI the args conform to, e.g. {@code urn:ojs:schema:email.send:v1}. */
    public EnqueueOptions schema(String schema) {
        return with(c -> c.schema = schema);
    }

    /** Adds one metadata entry (string value). */
    public EnqueueOptions meta(String key, String value) {
        return meta(key, value == null ? JsonValue.NULL : WireJson.provider().createValue(value));
    }

    /** Adds one metadata entry (any JSON value). */
    public EnqueueOptions meta(String key, JsonValue value) {
        Objects.requireNonNull(key, "key");
        return with(c -> c.meta.put(key, value == null ? JsonValue.NULL : value));
    }

    /** Adds all entries of a JSON object to the metadata. */
    public EnqueueOptions meta(JsonObject entries) {
        Objects.requireNonNull(entries, "entries");
        return with(c -> c.meta.putAll(entries));
    }

    public String queue() {
        return v.queue;
    }

    public Integer priority() {
        return v.priority;
    }

    public Duration timeout() {
        return v.timeout;
    }

    public Duration delay() {
        return v.delay;
    }

    public Instant scheduledAt() {
        return v.scheduledAt;
    }

    public Instant expiresAt() {
        return v.expiresAt;
    }

    public RetryPolicy retry() {
        return v.retry;
    }

    public UniquePolicy unique() {
        return v.unique;
    }

    public RateLimitPolicy rateLimit() {
        return v.rateLimit;
    }

    public List<String> tags() {
        return v.tags;
    }

    public Duration visibilityTimeout() {
        return v.visibilityTimeout;
    }

    public String id() {
        return v.id;
    }

    public String schema() {
        return v.schema;
    }

    /** Metadata entries (unmodifiable, insertion order). */
    public Map<String, JsonValue> meta() {
        return Collections.unmodifiableMap(v.meta);
    }

    private EnqueueOptions with(java.util.function.Consumer<Values> change) {
        Values copy = v.copy();
        change.accept(copy);
        return new EnqueueOptions(copy);
    }

    private static final class Values {
        String queue;
        Integer priority;
        Duration timeout;
        Duration delay;
        Instant scheduledAt;
        Instant expiresAt;
        RetryPolicy retry;
        UniquePolicy unique;
        RateLimitPolicy rateLimit;
        List<String> tags;
        Duration visibilityTimeout;
        String id;
        String schema;
        Map<String, JsonValue> meta = new LinkedHashMap<>();

        Values copy() {
            Values c = new Values();
            c.queue = queue;
            c.priority = priority;
            c.timeout = timeout;
            c.delay = delay;
            c.scheduledAt = scheduledAt;
            c.expiresAt = expiresAt;
            c.retry = retry;
            c.unique = unique;
            c.rateLimit = rateLimit;
            c.tags = tags;
            c.visibilityTimeout = visibilityTimeout;
            c.id = id;
            c.schema = schema;
            c.meta = new LinkedHashMap<>(meta);
            return c;
        }
    }
}
