package org.openjobspec.ee.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /ojs/manifest}: what the server implements. Reads {@code specversion} or {@code ojs_version},
 * and {@code extensions} as a string array or as {@code {"official":[{name,...}],"experimental":[...]}}.
 *
 * @param specversion      spec version (servers, conformance spec)
 * @param ojsVersion       spec version (HTTP binding spec)
 * @param implementation   implementation facts
 * @param conformanceLevel level 0-4 (number or string)
 * @param protocols        protocols served, e.g. http
 * @param backend          backend name
 * @param capabilities     feature flags such as {@code batch_enqueue}, {@code workflows}
 * @param extensions       extensions, array or object
 */
public record Manifest(
        String specversion,
        @JsonbProperty("ojs_version") String ojsVersion,
        Implementation implementation,
        @JsonbProperty("conformance_level") JsonValue conformanceLevel,
        List<String> protocols,
        String backend,
        JsonObject capabilities,
        JsonValue extensions) {

    public Manifest {
        protocols = Wire.copyOrNull(protocols);
    }

    /** The spec version from either key. */
    public String specVersion() {
        return specversion != null ? specversion : ojsVersion;
    }

    /** Whether the server declares {@code capability} as {@code true}. */
    public boolean supports(String capability) {
        return capabilities != null && capabilities.get(capability) == JsonValue.TRUE;
    }

    /** Extension names from either shape. */
    public List<String> extensionNames() {
        List<String> names = new ArrayList<>();
        if (extensions instanceof JsonArray array) {
            collect(array, names);
        } else if (extensions instanceof JsonObject object) {
            object.values().forEach(group -> {
                if (group instanceof JsonArray array) {
                    collect(array, names);
                }
            });
        }
        return List.copyOf(names);
    }

    private static void collect(JsonArray array, List<String> names) {
        for (JsonValue value : array) {
            if (value instanceof JsonString text) {
                names.add(text.getString());
            } else if (value instanceof JsonObject object && object.get("name") instanceof JsonString text) {
                names.add(text.getString());
            }
        }
    }
}
