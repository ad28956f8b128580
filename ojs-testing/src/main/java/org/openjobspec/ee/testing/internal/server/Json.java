package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Small JSON-P helpers; one provider instance, looked up once. */
public final class Json {
    public static final JsonProvider P = JsonProvider.provider();

    private Json() {
    }

    public static JsonObjectBuilder obj() {
        return P.createObjectBuilder();
    }

    public static JsonArrayBuilder arr() {
        return P.createArrayBuilder();
    }

    public static JsonArray arrOf(Collection<String> values) {
        JsonArrayBuilder b = arr();
        values.forEach(b::add);
        return b.build();
    }

    /** Parses any JSON text; throws {@link JsonParsingException} or {@link jakarta.json.JsonException}. */
    public static JsonValue parse(String text) {
        try (JsonReader r = P.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    /** Compact JSON text, as JSON-P's writer produces it, written directly (no writer/generator per call). */
    public static String write(JsonValue v) {
        if (v == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(256);
        append(sb, v);
        return sb.toString();
    }

    /** {@link #write} as UTF-8 bytes. */
    public static byte[] writeBytes(JsonValue v) {
        return write(v).getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, JsonValue v) {
        switch (v.getValueType()) {
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, e.getKey());
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JsonValue item : (JsonArray) v) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    append(sb, item);
                }
                sb.append(']');
            }
            case STRING -> quote(sb, ((JsonString) v).getString());
            case NUMBER -> sb.append(v);
            case TRUE -> sb.append("true");
            case FALSE -> sb.append("false");
            default -> sb.append("null");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        sb.append(s, plain, s.length()).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static JsonValue str(String s) {
        return s == null ? JsonValue.NULL : P.createValue(s);
    }

    public static JsonValue num(long n) {
        return P.createValue(n);
    }

    public static JsonValue num(BigDecimal n) {
        return P.createValue(n);
    }

    public static boolean isNull(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    public static String stringOrNull(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** Text form used by templates and "contains" matchers: strings bare, whole numbers without decimals. */
    public static String text(JsonValue v) {
        if (v == null) {
            return "null";
        }
        switch (v.getValueType()) {
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER: {
                JsonNumber n = (JsonNumber) v;
                BigDecimal d = n.bigDecimalValue();
                try {
                    return d.stripTrailingZeros().toBigIntegerExact().toString();
                } catch (ArithmeticException notWhole) {
                    return d.stripTrailingZeros().toPlainString();
                }
            }
            default:
                return write(v);
        }
    }

    /** Structural equality where numbers compare by value (2 == 2.0). */
    public static boolean deepEquals(JsonValue a, JsonValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getValueType() != b.getValueType()) {
            return false;
        }
        switch (a.getValueType()) {
            case NUMBER:
                return ((JsonNumber) a).bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue()) == 0;
            case STRING:
                return ((JsonString) a).getString().equals(((JsonString) b).getString());
            case ARRAY: {
                JsonArray x = (JsonArray) a;
                JsonArray y = (JsonArray) b;
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!deepEquals(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                JsonObject x = (JsonObject) a;
                JsonObject y = (JsonObject) b;
                if (!x.keySet().equals(y.keySet())) {
                    return false;
                }
                for (String k : x.keySet()) {
                    if (!deepEquals(x.get(k), y.get(k))) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return true;
        }
    }
}
