package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated PUSH body (protocol digest §2.3). Validation order follows the reference server. */
record PushRequest(String id, String type, JsonArray args, JsonObject meta, String schema, String queue,
                             Integer priority, Long timeoutMs, Long scheduledAt, String scheduledAtText,
                             Long expiresAt, String expiresAtText, ServerRetryPolicy retry, JsonObject retryJson,
                             ServerUniquePolicy unique, JsonObject uniqueJson, JsonArray tags, Long visibilityTimeoutMs,
                             Double rateLimitPerSecond, JsonObject rateLimitJson, Map<String, JsonValue> extra) {

    private static final Pattern TYPE = ServerPatterns.JOB_TYPE;
    private static final Pattern QUEUE = ServerPatterns.QUEUE;
    private static final Pattern RATE_LIMIT_KEY = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._:-]*$");
    private static final Set<String> ON_LIMIT = Set.of("wait", "reschedule", "drop");
    // Request keys the server reads, plus system-managed job fields a client must not be able to set.
    private static final Set<String> KNOWN = Set.of("id", "type", "args", "meta", "schema", "options", "specversion",
            "state", "queue", "priority", "attempt", "max_attempts", "timeout_ms", "worker_id", "created_at",
            "enqueued_at", "scheduled_at", "started_at", "completed_at", "cancelled_at", "discarded_at", "expires_at",
            "result", "error", "errors", "tags", "retry", "unique", "retry_delay_ms", "parent_results");

    /** Parses one enqueue body; {@code prefix} names its position in error messages (batch, workflow). */
    public static PushRequest parse(JsonValue body, long now, String prefix) {
        if (!(body instanceof JsonObject o)) {
            throw ApiException.invalid(Messages.SRV_0100, prefix + "The request body must be a JSON object.",
                    "Send {\"type\":\"...\",\"args\":[...]}.", null);
        }
        String type = parseType(o.get("type"), prefix, "type");
        if (!o.containsKey("args")) {
            throw ApiException.invalid(Messages.SRV_0104, prefix + "The 'args' field is required.",
                    "Send the job arguments as a JSON array, e.g. \"args\":[\"user@example.com\"] or \"args\":[].",
                    "args");
        }
        if (!(o.get("args") instanceof JsonArray args)) {
            throw new ApiException(400, "invalid_request", Messages.SRV_0105 + ": " + prefix
                    + "The 'args' field must be a JSON array, got " + kind(o.get("args")) + ".",
                    "Wrap the arguments in an array: \"args\":[{...}].",
                    Json.obj().add("field", "args").add("expected", "array").add("received", kind(o.get("args")))
                            .build());
        }
        String id = null;
        if (o.containsKey("id")) {
            if (!(o.get("id") instanceof JsonString s) || !ServerPatterns.UUID_V7.matcher(s.getString()).matches()) {
                throw ApiException.invalid(Messages.SRV_0106, prefix + "The 'id' field must be a lowercase UUIDv7.",
                        "Omit 'id' to let the server generate one, or send a lowercase UUIDv7.", "id");
            }
            id = s.getString();
        }
        JsonObject meta = null;
        if (o.containsKey("meta") && !Json.isNull(o.get("meta"))) {
            if (!(o.get("meta") instanceof JsonObject m)) {
                throw ApiException.invalid(Messages.SRV_0107, prefix + "The 'meta' field must be a JSON object.",
                        "Send metadata as {\"key\":\"value\"}.", "meta");
            }
            meta = m;
        }
        String schema = null;
        if (o.containsKey("schema") && !Json.isNull(o.get("schema"))) {
            if (!(o.get("schema") instanceof JsonString s)) {
                throw ApiException.invalid(Messages.SRV_0108, prefix + "The 'schema' field must be a string.",
                        "Send a schema URI such as \"urn:ojs:schema:email.send:v1\".", "schema");
            }
            schema = s.getString();
        }
        JsonObject opts = JsonValue.EMPTY_JSON_OBJECT;
        if (o.containsKey("options") && !Json.isNull(o.get("options"))) {
            if (!(o.get("options") instanceof JsonObject op)) {
                throw ApiException.invalid(Messages.SRV_0109, prefix + "The 'options' field must be a JSON object.",
                        "Send options as {\"queue\":\"default\",...}.", "options");
            }
            opts = op;
        }
        String queue = "default";
        if (opts.containsKey("queue") && !Json.isNull(opts.get("queue"))) {
            queue = parseQueue(opts.get("queue"), prefix);
        }
        Integer priority = null;
        if (opts.containsKey("priority") && !Json.isNull(opts.get("priority"))) {
            if (!(opts.get("priority") instanceof JsonNumber n) || !n.isIntegral()) {
                throw ApiException.invalid(Messages.SRV_0111, prefix + "'options.priority' must be an integer.",
                        "Use a whole number from -100 (lowest) to 100 (highest).", "options.priority");
            }
            if (n.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                throw ApiException.invalid(Messages.SRV_0112, prefix + "'options.priority' must be between -100 and 100,"
                        + " got " + n + ".", "Use a whole number from -100 (lowest) to 100 (highest).",
                        "options.priority");
            }
            priority = n.intValue();
        }
        Long timeoutMs = positiveLong(opts, "timeout_ms", prefix);
        Long visibility = positiveLong(opts, "visibility_timeout_ms", prefix);
        if (visibility == null && opts.get("visibility_timeout") instanceof JsonString vs) {
            Duration d = Times.parseDuration(vs.getString());
            if (d == null) {
                throw ApiException.invalid(Messages.SRV_0113, prefix + "'options.visibility_timeout' must be an ISO 8601"
                        + " duration.", "Use e.g. \"PT30S\", or send visibility_timeout_ms.",
                        "options.visibility_timeout");
            }
            visibility = d.toMillis();
        }
        String schedText = null;
        for (String key : new String[]{"delay_until", "scheduled_at"}) { // scheduled_at wins
            if (opts.containsKey(key) && !Json.isNull(opts.get(key))) {
                schedText = timestampText(opts.get(key), now, prefix, "options." + key);
            }
        }
        Long scheduledAt = schedText == null ? null : Times.parseTimestamp(schedText, now);
        String expText = null;
        if (opts.containsKey("expires_at") && !Json.isNull(opts.get("expires_at"))) {
            expText = timestampText(opts.get("expires_at"), now, prefix, "options.expires_at");
        }
        Long expiresAt = expText == null ? null : Times.parseTimestamp(expText, now);
        ServerRetryPolicy retry = ServerRetryPolicy.DEFAULT;
        JsonObject retryJson = null;
        for (String key : new String[]{"retry_policy", "retry"}) {
            if (opts.containsKey(key) && !Json.isNull(opts.get(key))) {
                retry = ServerRetryPolicy.parse(opts.get(key), prefix.isEmpty() ? "options." + key : "options." + key);
                retryJson = opts.getJsonObject(key);
            }
        }
        ServerUniquePolicy unique = null;
        JsonObject uniqueJson = null;
        if (opts.containsKey("unique") && !Json.isNull(opts.get("unique"))) {
            unique = ServerUniquePolicy.parse(opts.get("unique"));
            uniqueJson = opts.getJsonObject("unique");
        }
        JsonArray tags = null;
        if (opts.containsKey("tags") && !Json.isNull(opts.get("tags"))) {
            if (!(opts.get("tags") instanceof JsonArray t) || t.stream().anyMatch(v -> !(v instanceof JsonString))) {
                throw ApiException.invalid(Messages.SRV_0114, prefix + "'options.tags' must be an array of strings.",
                        "Send tags as [\"a\",\"b\"].", "options.tags");
            }
            tags = t;
        }
        if (opts.containsKey("metadata") && !Json.isNull(opts.get("metadata"))) {
            if (!(opts.get("metadata") instanceof JsonObject md)) {
                throw ApiException.invalid(Messages.SRV_0115, prefix + "'options.metadata' must be a JSON object.",
                        "Send metadata as {\"key\":\"value\"}.", "options.metadata");
            }
            meta = md; // the reference server lets options.metadata replace meta
        }
        Double rate = null;
        JsonObject rateLimit = null;
        if (opts.containsKey("rate_limit") && !Json.isNull(opts.get("rate_limit"))) {
            rateLimit = parseRateLimit(opts.get("rate_limit"), prefix);
            if (rateLimit.get("max_per_second") instanceof JsonNumber mps) {
                rate = mps.doubleValue();
            }
        }
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new PushRequest(id, type, args, meta, schema, queue, priority, timeoutMs, scheduledAt, schedText,
                expiresAt, expText, retry, retryJson, unique, uniqueJson, tags, visibility, rate, rateLimit, extra);
    }

    static String parseType(JsonValue v, String prefix, String field) {
        if (v == null || Json.isNull(v)) {
            throw ApiException.invalid(Messages.SRV_0101, prefix + "The '" + field + "' field is required.",
                    "Send a dotted lowercase job type such as \"email.send\".", field);
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.invalid(Messages.SRV_0102, prefix + "The '" + field + "' field must be a string.",
                    "Send a dotted lowercase job type such as \"email.send\".", field);
        }
        String type = s.getString();
        if (type.length() > 255 || !TYPE.matcher(type).matches()) {
            throw ApiException.invalid(Messages.SRV_0103, prefix + "Invalid job type '" + type + "': it must match "
                    + TYPE.pattern() + " and be at most 255 characters.",
                    "Use lowercase dotted segments such as \"email.send\" or \"report.generate\".", field);
        }
        return type;
    }

    static String parseQueue(JsonValue v, String prefix) {
        String q = v instanceof JsonString s ? s.getString() : null;
        if (q == null || q.length() > 128 || !QUEUE.matcher(q).matches()) {
            throw ApiException.invalid(Messages.SRV_0110, prefix + "Invalid queue name " + v + ": it must match "
                    + QUEUE.pattern() + " and be at most 128 characters.",
                    "Use lowercase letters, digits, '-' and '.', starting with a letter or digit.", "options.queue");
        }
        return q;
    }

    /**
     * {@code options.rate_limit} in either shape: the reference server's per-queue fetch throttle
     * {@code {"max_per_second": n}}, or the rate-limiting extension's {@code {key, concurrency?, rate?, throttle?,
     * on_limit?}}, which is checked and kept (shown back on the job); of it only the concurrency is enforced (see
     * {@code JobLifecycle#fetch}).
     */
    private static JsonObject parseRateLimit(JsonValue value, String prefix) {
        String field = "options.rate_limit";
        String hint = "Send {\"key\":\"smtp\",\"concurrency\":5,\"rate\":{\"limit\":100,\"period\":\"PT1M\"},"
                + "\"on_limit\":\"wait\"} or {\"max_per_second\":10}.";
        if (!(value instanceof JsonObject r)) {
            throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + "' must be an object.", hint, field);
        }
        if (r.containsKey("max_per_second")) {
            if (!(r.get("max_per_second") instanceof JsonNumber mps) || mps.doubleValue() <= 0) {
                throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + ".max_per_second' must be a"
                        + " positive number.", hint, field);
            }
            return r;
        }
        if (!(r.get("key") instanceof JsonString key) || !RATE_LIMIT_KEY.matcher(key.getString()).matches()) {
            throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + ".key' must be a string matching "
                    + RATE_LIMIT_KEY.pattern() + ".", hint, field + ".key");
        }
        if (r.containsKey("concurrency") && !(r.get("concurrency") instanceof JsonNumber c && c.isIntegral()
                && c.longValue() > 0)) {
            throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + ".concurrency' must be a positive"
                    + " integer.", hint, field + ".concurrency");
        }
        for (String window : new String[]{"rate", "throttle"}) {
            if (!r.containsKey(window)) {
                continue;
            }
            if (!(r.get(window) instanceof JsonObject w) || !(w.get("limit") instanceof JsonNumber limit)
                    || !limit.isIntegral() || limit.longValue() <= 0 || !(w.get("period") instanceof JsonString period)
                    || Times.parseDuration(period.getString()) == null) {
                throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + "." + window + "' must be"
                        + " {\"limit\": <positive integer>, \"period\": <positive ISO 8601 duration>}.", hint,
                        field + "." + window);
            }
        }
        if (r.containsKey("on_limit") && !(r.get("on_limit") instanceof JsonString onLimit
                && ON_LIMIT.contains(onLimit.getString()))) {
            throw ApiException.invalid(Messages.SRV_0116, prefix + "'" + field + ".on_limit' must be wait, reschedule"
                    + " or drop.", hint, field + ".on_limit");
        }
        return r;
    }

    private static Long positiveLong(JsonObject opts, String key, String prefix) {
        if (!opts.containsKey(key) || Json.isNull(opts.get(key))) {
            return null;
        }
        if (!(opts.get(key) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
            throw ApiException.invalid(Messages.SRV_0117, prefix + "'options." + key + "' must be a positive integer"
                    + " (milliseconds).", "Send a whole number of milliseconds, e.g. 30000.", "options." + key);
        }
        return n.longValue();
    }

    private static String timestampText(JsonValue v, long now, String prefix, String field) {
        String text = v instanceof JsonString s ? s.getString() : null;
        if (text == null || Times.parseTimestamp(text, now) == null) {
            throw ApiException.invalid(Messages.SRV_0118, prefix + "'" + field + "' must be an RFC 3339 timestamp with a"
                            + " zone, or a relative \"+PT5S\" duration.",
                    "Send e.g. \"2030-01-01T09:00:00Z\" or \"+PT30S\".", field);
        }
        return text;
    }

    static String kind(JsonValue v) {
        if (v == null) {
            return "nothing";
        }
        return switch (v.getValueType()) {
            case TRUE, FALSE -> "boolean";
            default -> v.getValueType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
