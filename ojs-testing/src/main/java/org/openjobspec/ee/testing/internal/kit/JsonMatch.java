package org.openjobspec.ee.testing.internal.kit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.Messages;

import java.io.StringReader;
import java.util.Map;

/** The "contains" comparison of the testing kit's args matcher. */
public final class JsonMatch {

    private JsonMatch() {
    }

    /** Reads a JSON array given by a test, with a message naming what was wrong. */
    public static JsonArray parseArray(String json) {
        if (json == null) {
            throw new IllegalArgumentException(Messages.SRV_0912 + ": expected args must be a JSON array, got null");
        }
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonValue v = r.readValue();
            if (v instanceof JsonArray a) {
                return a;
            }
        } catch (JsonException e) {
            throw new IllegalArgumentException(Messages.SRV_0912 + ": expected args are not valid JSON: " + json
                    + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(Messages.SRV_0912 + ": expected args must be a JSON array (the job's"
                + " args are one: enqueue(type, x) sends [x]), got " + json);
    }

    /**
     * Whether {@code actual} contains {@code expected}: objects by the expected keys only, arrays element by element
     * with the same length, numbers by value, everything else by equality.
     */
    public static boolean contains(JsonValue expected, JsonValue actual) {
        if (expected instanceof JsonObject e) {
            if (!(actual instanceof JsonObject a)) {
                return false;
            }
            for (Map.Entry<String, JsonValue> field : e.entrySet()) {
                if (!a.containsKey(field.getKey()) || !contains(field.getValue(), a.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof JsonArray e) {
            if (!(actual instanceof JsonArray a) || a.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!contains(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof JsonNumber e) {
            return actual instanceof JsonNumber a && e.bigDecimalValue().compareTo(a.bigDecimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
