package org.openjobspec.ee;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openjobspec.ee.model.WireJson;

/** A job on its way out, as {@link EnqueueInterceptor}s see it. Not thread-safe; one per enqueue. */
public final class OutgoingJob {

    private final String type;
    private JsonArray args;
    private EnqueueOptions options;
    private final Map<String, JsonValue> meta;

    public OutgoingJob(String type, JsonArray args, EnqueueOptions options) {
        this.type = type;
        this.args = args;
        this.options = options == null ? EnqueueOptions.defaults() : options;
        this.meta = new LinkedHashMap<>(this.options.meta());
    }

    /** The job type. */
    public String type() {
        return type;
    }

    /** The args array as it will be sent. */
    public JsonArray args() {
        return args;
    }

    /** Replace the args array. */
    public void args(JsonArray value) {
        this.args = Objects.requireNonNull(value, "args");
    }

    /** The options (their {@code meta} is superseded by {@link #meta()}). */
    public EnqueueOptions options() {
        return options;
    }

    /** Replace the options; their metadata entries are added to {@link #meta()}. */
    public void options(EnqueueOptions value) {
        this.options = Objects.requireNonNull(value, "options");
        meta.putAll(value.meta());
    }

    /** The metadata that will be sent; modifiable. */
    public Map<String, JsonValue> meta() {
        return meta;
    }

    /** Sets a string metadata entry. */
    public OutgoingJob putMeta(String key, String value) {
        meta.put(Objects.requireNonNull(key, "key"), value == null ? JsonValue.NULL : WireJson.provider().createValue(value));
        return this;
    }
}
