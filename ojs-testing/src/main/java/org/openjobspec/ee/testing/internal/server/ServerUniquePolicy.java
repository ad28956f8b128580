package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** options.unique (protocol digest §4.3): which dimensions make a job unique, for how long, and what to do. */
record ServerUniquePolicy(List<String> keys, Long periodMs, String onConflict, Set<JobState> states) {

    private static final List<String> DIMENSIONS = List.of("type", "queue", "args", "meta");
    private static final List<String> CONFLICT = List.of("reject", "ignore", "use_existing", "replace",
            "replace_except_schedule");

    static ServerUniquePolicy parse(JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            throw ApiException.invalid(Messages.SRV_0130, "'options.unique' must be an object.",
                    "Send e.g. {\"keys\":[\"type\",\"args\"],\"period\":\"PT1H\",\"on_conflict\":\"reject\"}.",
                    "options.unique");
        }
        // The reference server's default: unique per type and queue.
        List<String> keys = new ArrayList<>(List.of("type", "queue"));
        if (o.containsKey("keys") && !Json.isNull(o.get("keys"))) {
            if (!(o.get("keys") instanceof JsonArray a) || a.isEmpty()) {
                throw ApiException.invalid(Messages.SRV_0131, "'options.unique.keys' must be a non-empty array.",
                        "Choose from " + DIMENSIONS + ".", "options.unique.keys");
            }
            keys.clear();
            for (JsonValue k : a) {
                if (!(k instanceof JsonString s) || !DIMENSIONS.contains(s.getString())) {
                    throw ApiException.invalid(Messages.SRV_0131, "'options.unique.keys' may only contain " + DIMENSIONS
                            + ".", "Remove unknown dimensions.", "options.unique.keys");
                }
                if (!keys.contains(s.getString())) {
                    keys.add(s.getString());
                }
            }
        }
        Long period = null;
        if (o.containsKey("period") && !Json.isNull(o.get("period"))) {
            Duration d = o.get("period") instanceof JsonString s ? Times.parseDuration(s.getString()) : null;
            if (d == null) {
                throw ApiException.invalid(Messages.SRV_0132, "'options.unique.period' must be an ISO 8601 duration.",
                        "Use e.g. \"PT1H\" or \"PT30S\".", "options.unique.period");
            }
            period = d.toMillis();
        }
        String onConflict = "reject";
        if (o.containsKey("on_conflict") && !Json.isNull(o.get("on_conflict"))) {
            onConflict = o.get("on_conflict") instanceof JsonString s ? s.getString() : "";
            if (!CONFLICT.contains(onConflict)) {
                throw ApiException.invalid(Messages.SRV_0133, "'options.unique.on_conflict' must be one of " + CONFLICT
                        + ".", "Use reject, ignore or replace.", "options.unique.on_conflict");
            }
        }
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        if (o.containsKey("states") && !Json.isNull(o.get("states"))) {
            if (!(o.get("states") instanceof JsonArray a)) {
                throw ApiException.invalid(Messages.SRV_0134, "'options.unique.states' must be an array of job states.",
                        "Use e.g. [\"available\",\"active\"].", "options.unique.states");
            }
            for (JsonValue s : a) {
                JobState st = s instanceof JsonString js ? JobState.parse(js.getString()) : null;
                if (st == null) {
                    throw ApiException.invalid(Messages.SRV_0134, "'options.unique.states' contains an unknown state "
                            + s + ".", "Use the eight OJS job states.", "options.unique.states");
                }
                states.add(st);
            }
        }
        if (states.isEmpty()) {
            states = EnumSet.of(JobState.SCHEDULED, JobState.AVAILABLE, JobState.PENDING, JobState.ACTIVE,
                    JobState.RETRYABLE);
        }
        return new ServerUniquePolicy(List.copyOf(keys), period, onConflict, states);
    }

    String fingerprint(String type, String queue, JsonValue args, JsonValue meta) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            switch (k) {
                case "type" -> b.append("type:").append(type);
                case "queue" -> b.append("queue:").append(queue);
                case "args" -> b.append("args:").append(Json.write(args));
                default -> b.append("meta:").append(meta == null ? "null" : Json.write(meta));
            }
            b.append(';');
        }
        return b.toString();
    }
}
