package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reading an HTTP request for {@link HttpApi}: path segments, query parameters, the JSON body and its fields. */
final class Requests {
    private Requests() {
    }

    static String[] segments(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        String[] raw = path.substring(start).split("/");
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].indexOf('%') >= 0 || raw[i].indexOf('+') >= 0) {
                raw[i] = URLDecoder.decode(raw[i], StandardCharsets.UTF_8);
            }
        }
        return raw;
    }


    /** Reads the body (≤ 1 MiB). Returns null when there is none; malformed JSON is invalid_payload. */
    static JsonValue body(Exchange ex) {
        String ct = ex.header("Content-Type");
        byte[] bytes = ex.body();
        if (bytes == null) {
            throw new ApiException(413, "envelope_too_large", null, Messages.SRV_0013 + ": Request body exceeds 1 MiB.",
                    "Keep envelopes under 1 MiB; pass large data by reference.", null, false);
        }
        String text = bytes.length == 0 ? "" : new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        if (ct != null) {
            String mime = ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!mime.equals(HttpApi.CONTENT_TYPE) && !mime.equals("application/json")) {
                throw ApiException.invalid(Messages.SRV_0014, "Unsupported Content-Type '" + ct + "'.",
                        "Send 'Content-Type: application/openjobspec+json' (or application/json).", null);
            }
        }
        try {
            return Json.parse(text);
        } catch (JsonException | IllegalStateException e) {
            throw new ApiException(400, "invalid_payload", Messages.SRV_0015 + ": The request body is not valid JSON: "
                    + e.getMessage(), "Send a well-formed JSON object.", null);
        }
    }


    static JsonObject object(JsonValue body) {
        if (body == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(body instanceof JsonObject o)) {
            throw ApiException.invalid(Messages.SRV_0016, "The request body must be a JSON object.",
                    "Wrap the fields in {...}.", null);
        }
        return o;
    }


    static String jobId(JsonObject b) {
        JsonValue v = b.get("job_id");
        if (v == null || Json.isNull(v)) {
            v = b.get("id");
        }
        if (!(v instanceof JsonString s) || s.getString().isBlank()) {
            throw ApiException.invalid(Messages.SRV_0017, "The 'job_id' field is required and must be a string.",
                    "Send the id of the job you fetched, e.g. {\"job_id\":\"0195...\"}.", "job_id");
        }
        return s.getString();
    }


    static Long optionalPositive(JsonObject b, String key) {
        JsonValue v = b.get(key);
        if (v == null || Json.isNull(v)) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
            throw ApiException.invalid(Messages.SRV_0018, "'" + key + "' must be a positive integer.",
                    "Send milliseconds as a whole number, e.g. 30000.", key);
        }
        return n.longValue();
    }


    static String optionalString(JsonObject b, String key) {
        JsonValue v = b.get(key);
        if (v == null || Json.isNull(v)) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.invalid(Messages.SRV_0019, "'" + key + "' must be a string.", "Send a string.", key);
        }
        return s.getString();
    }


    static void collectIds(JsonArray a, Set<String> ids, String field) {
        for (JsonValue v : a) {
            if (!(v instanceof JsonString s)) {
                throw ApiException.invalid(Messages.SRV_0026, "'" + field + "' must contain only job id strings.",
                        "Send \"" + field + "\":[\"<job id>\",...].", field);
            }
            ids.add(s.getString());
        }
    }


    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }


    static Set<String> csv(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        Set<String> s = new LinkedHashSet<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                s.add(p.trim());
            }
        }
        return s;
    }


    static int intParam(Map<String, String> q, String key, int dflt, int min, int max) {
        String v = q.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return (int) Math.max(min, Math.min(max, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Messages.SRV_0027, "Query parameter '" + key + "' must be an integer.",
                    "Send e.g. ?" + key + "=" + dflt + ".", key);
        }
    }

}
