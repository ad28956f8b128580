package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.server.ServerPatterns;
import org.openjobspec.ee.testing.internal.server.Json;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matchers of the conformance case format (see the cases' README). {@link #check} returns null when the
 * value matches and otherwise a short reason naming what was expected and what was found.
 */
public final class Matchers {
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern RANGE = Pattern.compile("^number:range\\(\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*\\)$");
    private static final Pattern LENGTH = Pattern.compile("^array:length(?::(\\d+)|\\((\\d+)\\))$");
    private static final Pattern MIN_LENGTH = Pattern.compile("^array:min(?:_length)?(?::(\\d+)|\\((\\d+)\\))$");

    private Matchers() {
    }

    /**
     * @param expected  the matcher from the case (templates already resolved)
     * @param actual    what the JSONPath found
     * @param templated whether {@code expected} came from a template; then a string compares with the
     *                  text form of the actual value (a template always yields text)
     */
    public static String check(JsonValue expected, JsonPath.Result actual, boolean templated) {
        try {
            return doCheck(expected, actual, templated);
        } catch (RuntimeException e) {
            return "matcher error: " + e.getMessage();
        }
    }

    private static String doCheck(JsonValue expected, JsonPath.Result actual, boolean templated) {
        JsonValue a = actual.value();
        switch (expected.getValueType()) {
            case STRING:
                return checkString(((JsonString) expected).getString(), actual, templated);
            case NUMBER:
                if (a instanceof JsonNumber n
                        && n.bigDecimalValue().compareTo(((JsonNumber) expected).bigDecimalValue()) == 0) {
                    return null;
                }
                return expectedFound(expected, actual);
            case TRUE:
            case FALSE:
            case NULL:
                return actual.found() && a.getValueType() == expected.getValueType() ? null
                        : expectedFound(expected, actual);
            case ARRAY: {
                JsonArray e = (JsonArray) expected;
                if (!(a instanceof JsonArray arr)) {
                    return expectedFound(expected, actual);
                }
                if (arr.size() != e.size()) {
                    return "expected array of length " + e.size() + ", found " + shorten(arr);
                }
                for (int i = 0; i < e.size(); i++) {
                    String r = doCheck(e.get(i), new JsonPath.Result(true, arr.get(i)), templated);
                    if (r != null) {
                        return "[" + i + "]: " + r;
                    }
                }
                return null;
            }
            default:
                return checkObject((JsonObject) expected, actual, templated);
        }
    }

    private static String checkString(String m, JsonPath.Result actual, boolean templated) {
        JsonValue a = actual.value();
        boolean found = actual.found();
        if (templated) {
            return found && !Json.isNull(a) && Json.text(a).equals(m) ? null
                    : "expected \"" + m + "\", found " + describe(actual);
        }
        switch (m) {
            case "any":
                return found && !Json.isNull(a) ? null : "expected a value, found " + describe(actual);
            case "exists":
                return found ? null : "expected the path to exist, it does not";
            case "absent":
                return found ? "expected absent, found " + describe(actual) : null;
            case "string:nonempty":
            case "string:non_empty":
                return a instanceof JsonString s && !s.getString().isEmpty() ? null
                        : "expected a non-empty string, found " + describe(actual);
            case "string:uuid":
                return a instanceof JsonString s && UUID.matcher(s.getString()).matches() ? null
                        : "expected a UUID, found " + describe(actual);
            case "string:uuidv7":
                return a instanceof JsonString s && ServerPatterns.UUID_V7.matcher(s.getString()).matches() ? null
                        : "expected a lowercase UUIDv7, found " + describe(actual);
            case "string:datetime":
                return a instanceof JsonString s && isDateTime(s.getString()) ? null
                        : "expected an RFC 3339 date-time with zone, found " + describe(actual);
            case "number:positive":
                return a instanceof JsonNumber n && n.bigDecimalValue().signum() > 0 ? null
                        : "expected a positive number, found " + describe(actual);
            case "number:non_negative":
                return a instanceof JsonNumber n && n.bigDecimalValue().signum() >= 0 ? null
                        : "expected a non-negative number, found " + describe(actual);
            case "array:nonempty":
            case "array:non_empty":
                return a instanceof JsonArray arr && !arr.isEmpty() ? null
                        : "expected a non-empty array, found " + describe(actual);
            case "array:empty":
                return a instanceof JsonArray arr && arr.isEmpty() ? null
                        : "expected an empty array, found " + describe(actual);
            default:
                break;
        }
        if (m.startsWith("string:contains:")) {
            String part = m.substring("string:contains:".length());
            return a instanceof JsonString s && s.getString().contains(part) ? null
                    : "expected a string containing \"" + part + "\", found " + describe(actual);
        }
        if (m.startsWith("string:pattern(") && m.endsWith(")")) {
            String regex = m.substring("string:pattern(".length(), m.length() - 1);
            return a instanceof JsonString s && Pattern.compile(regex).matcher(s.getString()).find() ? null
                    : "expected a string matching /" + regex + "/, found " + describe(actual);
        }
        Matcher range = RANGE.matcher(m);
        if (range.matches()) {
            BigDecimal lo = new BigDecimal(range.group(1));
            BigDecimal hi = new BigDecimal(range.group(2));
            return a instanceof JsonNumber n && n.bigDecimalValue().compareTo(lo) >= 0
                    && n.bigDecimalValue().compareTo(hi) <= 0 ? null
                    : "expected a number in [" + lo + ", " + hi + "], found " + describe(actual);
        }
        if (m.startsWith("~") && m.length() > 1 && isNumber(m.substring(1))) {
            double target = Double.parseDouble(m.substring(1));
            return a instanceof JsonNumber n && approximately(n.doubleValue(), target) ? null
                    : "expected approximately " + m.substring(1) + " (±max(50%, 100)), found " + describe(actual);
        }
        Matcher len = LENGTH.matcher(m);
        if (len.matches()) {
            int want = Integer.parseInt(len.group(1) != null ? len.group(1) : len.group(2));
            return a instanceof JsonArray arr && arr.size() == want ? null
                    : "expected an array of length " + want + ", found " + describe(actual);
        }
        Matcher min = MIN_LENGTH.matcher(m);
        if (min.matches()) {
            int want = Integer.parseInt(min.group(1) != null ? min.group(1) : min.group(2));
            return a instanceof JsonArray arr && arr.size() >= want ? null
                    : "expected an array of at least " + want + " elements, found " + describe(actual);
        }
        if (m.startsWith("not_contains:")) {
            String x = m.substring("not_contains:".length());
            return found && containsText(a, x) ? "expected no element \"" + x + "\", found " + describe(actual)
                    : null;
        }
        if (m.startsWith("contains:")) {
            String x = m.substring("contains:".length());
            return found && containsText(a, x) ? null
                    : "expected an element \"" + x + "\", found " + describe(actual);
        }
        return a instanceof JsonString s && s.getString().equals(m) ? null
                : "expected \"" + m + "\", found " + describe(actual);
    }

    private static String checkObject(JsonObject e, JsonPath.Result actual, boolean templated) {
        JsonValue a = actual.value();
        boolean operators = e.keySet().stream().anyMatch(k -> k.startsWith("$")) || e.containsKey("range");
        if (!operators) { // a plain object: each field matches on its own
            if (!(a instanceof JsonObject o)) {
                return expectedFound(e, actual);
            }
            for (Map.Entry<String, JsonValue> f : e.entrySet()) {
                JsonPath.Result sub = o.containsKey(f.getKey()) ? new JsonPath.Result(true, o.get(f.getKey()))
                        : new JsonPath.Result(false, null);
                String r = doCheck(f.getValue(), sub, templated);
                if (r != null) {
                    return "." + f.getKey() + ": " + r;
                }
            }
            return null;
        }
        for (Map.Entry<String, JsonValue> op : e.entrySet()) {
            JsonValue v = op.getValue();
            String r;
            switch (op.getKey()) {
                case "$exists" -> {
                    boolean want = v == JsonValue.TRUE;
                    r = actual.found() == want ? null
                            : want ? "expected the path to exist, it does not"
                            : "expected absent, found " + describe(actual);
                }
                case "$type" -> r = actual.found() && typeName(a).equals(((JsonString) v).getString()) ? null
                        : "expected type " + v + ", found " + (actual.found() ? typeName(a) : "nothing");
                case "$match" -> r = a instanceof JsonString s
                        && Pattern.compile(((JsonString) v).getString()).matcher(s.getString()).find() ? null
                        : "expected a string matching /" + ((JsonString) v).getString() + "/, found "
                        + describe(actual);
                case "$in", "$or" -> {
                    r = "expected one of " + shorten(v) + ", found " + describe(actual);
                    for (JsonValue alt : (JsonArray) v) {
                        if (doCheck(alt, actual, templated) == null) {
                            r = null;
                            break;
                        }
                    }
                }
                case "$size" -> r = checkSize(v, actual);
                case "$empty" -> {
                    boolean empty = !actual.found() || Json.isNull(a)
                            || (a instanceof JsonArray arr && arr.isEmpty())
                            || (a instanceof JsonObject obj && obj.isEmpty())
                            || (a instanceof JsonString s && s.getString().isEmpty());
                    r = empty == (v == JsonValue.TRUE) ? null
                            : "expected " + (empty ? "non-empty" : "empty") + ", found " + describe(actual);
                }
                case "range" -> {
                    JsonObject rg = (JsonObject) v;
                    r = null;
                    if (!(a instanceof JsonNumber n)) {
                        r = "expected a number in " + rg + ", found " + describe(actual);
                    } else if ((rg.get("min") instanceof JsonNumber lo && n.bigDecimalValue()
                            .compareTo(lo.bigDecimalValue()) < 0) || (rg.get("max") instanceof JsonNumber hi
                            && n.bigDecimalValue().compareTo(hi.bigDecimalValue()) > 0)) {
                        r = "expected a number in " + rg + ", found " + describe(actual);
                    }
                }
                case "$eq" -> r = doCheck(v, actual, templated);
                case "$ne" -> r = actual.found() && Json.deepEquals(a, v) ? "expected anything but " + v : null;
                case "$gt", "$gte", "$lt", "$lte" -> r = compare(op.getKey(), v, actual);
                default -> r = "unknown matcher operator " + op.getKey();
            }
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static String checkSize(JsonValue v, JsonPath.Result actual) {
        JsonValue a = actual.value();
        int size;
        if (a instanceof JsonArray arr) {
            size = arr.size();
        } else if (a instanceof JsonObject o) {
            size = o.size();
        } else if (a instanceof JsonString s) {
            size = s.getString().length();
        } else {
            return "expected something with a size, found " + describe(actual);
        }
        if (v instanceof JsonNumber n) {
            return size == n.intValue() ? null : "expected size " + n + ", found size " + size;
        }
        if (v instanceof JsonObject o) {
            for (Map.Entry<String, JsonValue> c : o.entrySet()) {
                String r = compare(c.getKey(), c.getValue(), new JsonPath.Result(true, Json.num(size)));
                if (r != null) {
                    return "size: " + r;
                }
            }
            return null;
        }
        return "bad $size operand " + v;
    }

    private static String compare(String op, JsonValue bound, JsonPath.Result actual) {
        if (!(actual.value() instanceof JsonNumber n) || !(bound instanceof JsonNumber b)) {
            return "expected a number " + op + " " + bound + ", found " + describe(actual);
        }
        int c = n.bigDecimalValue().compareTo(b.bigDecimalValue());
        boolean ok = switch (op) {
            case "$gt" -> c > 0;
            case "$gte" -> c >= 0;
            case "$lt" -> c < 0;
            default -> c <= 0;
        };
        return ok ? null : "expected " + op + " " + b + ", found " + n;
    }

    /** The README's approximation: tolerance max(50 % of expected, 100). */
    public static boolean approximately(double actual, double expected) {
        return Math.abs(actual - expected) <= Math.max(Math.abs(expected) * 0.5, 100);
    }

    private static boolean containsText(JsonValue a, String x) {
        if (a instanceof JsonArray arr) {
            return arr.stream().anyMatch(v -> Json.text(v).equals(x));
        }
        if (a instanceof JsonString s) {
            return s.getString().contains(x);
        }
        return false;
    }

    private static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return s.matches("^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String typeName(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
            case ARRAY -> "array";
            case OBJECT -> "object";
        };
    }

    private static String expectedFound(JsonValue e, JsonPath.Result actual) {
        return "expected " + shorten(e) + ", found " + describe(actual);
    }

    static String describe(JsonPath.Result r) {
        return r.found() ? shorten(r.value()) : "nothing";
    }

    static String shorten(JsonValue v) {
        String s = Json.write(v);
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    static void validateRegex(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex " + regex, e);
        }
    }
}
