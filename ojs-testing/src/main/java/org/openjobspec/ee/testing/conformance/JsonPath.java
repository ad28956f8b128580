package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.server.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of the conformance cases: {@code $}, {@code .field}, {@code ['field']}, {@code [n]},
 * {@code [*]} (collects into a flat list, skipping misses) and {@code [?(@.field=='value')]} (first match).
 */
public final class JsonPath {
    private JsonPath() {
    }

    /** What a path found: {@code found} is false when it does not resolve. */
    public record Result(boolean found, JsonValue value) {
        static final Result MISSING = new Result(false, null);
    }

    public static Result eval(JsonValue root, String path) {
        if (root == null) {
            return Result.MISSING;
        }
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("JSONPath must start with '$': " + path);
        }
        List<JsonValue> current = new ArrayList<>(List.of(root));
        boolean multi = false;
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            List<JsonValue> next = new ArrayList<>();
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String field = p.substring(i + 1, end);
                if (field.isEmpty()) {
                    throw new IllegalArgumentException("empty field name in " + path);
                }
                for (JsonValue v : current) {
                    if (field.equals("*")) {
                        next.addAll(children(v));
                    } else if (v instanceof JsonObject o && o.containsKey(field)) {
                        next.add(o.get(field));
                    }
                }
                multi |= field.equals("*");
                i = end;
            } else if (c == '[') {
                int close = closingBracket(p, i);
                String inner = p.substring(i + 1, close).trim();
                if (inner.equals("*")) {
                    current.forEach(v -> next.addAll(children(v)));
                    multi = true;
                } else if (inner.startsWith("?(")) {
                    Filter f = Filter.parse(inner, path);
                    for (JsonValue v : current) {
                        for (JsonValue child : children(v)) {
                            if (f.test(child)) {
                                next.add(child);
                                break; // first match only
                            }
                        }
                    }
                } else if (inner.startsWith("'") || inner.startsWith("\"")) {
                    String field = inner.substring(1, inner.length() - 1);
                    for (JsonValue v : current) {
                        if (v instanceof JsonObject o && o.containsKey(field)) {
                            next.add(o.get(field));
                        }
                    }
                } else {
                    int idx;
                    try {
                        idx = Integer.parseInt(inner);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad index [" + inner + "] in " + path);
                    }
                    for (JsonValue v : current) {
                        if (v instanceof JsonArray a) {
                            int k = idx < 0 ? a.size() + idx : idx;
                            if (k >= 0 && k < a.size()) {
                                next.add(a.get(k));
                            }
                        }
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + path);
            }
            current = next;
            if (current.isEmpty() && !multi) {
                return Result.MISSING;
            }
        }
        if (multi) {
            JsonArrayBuilder b = Json.arr();
            current.forEach(b::add);
            return new Result(true, b.build());
        }
        return current.isEmpty() ? Result.MISSING : new Result(true, current.get(0));
    }

    private static int closingBracket(String p, int open) {
        char quote = 0;
        for (int k = open + 1; k < p.length(); k++) {
            char c = p.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return k;
            }
        }
        throw new IllegalArgumentException("unclosed '[' in " + p);
    }

    private static List<JsonValue> children(JsonValue v) {
        if (v instanceof JsonArray a) {
            return a;
        }
        if (v instanceof JsonObject o) {
            return new ArrayList<>(o.values());
        }
        return List.of();
    }

    /** {@code ?(@.a.b=='x')}, {@code ?(@.n==3)}, {@code ?(@.flag==true)}, or {@code ?(@.field)} for existence. */
    private record Filter(String subPath, String literal) {
        static Filter parse(String inner, String path) {
            if (!inner.endsWith(")")) {
                throw new IllegalArgumentException("bad filter " + inner + " in " + path);
            }
            String body = inner.substring(2, inner.length() - 1).trim();
            int eq = body.indexOf("==");
            String left = (eq < 0 ? body : body.substring(0, eq)).trim();
            if (!left.startsWith("@")) {
                throw new IllegalArgumentException("filter must start with '@' in " + path);
            }
            String literal = eq < 0 ? null : body.substring(eq + 2).trim();
            return new Filter("$" + left.substring(1), literal);
        }

        boolean test(JsonValue candidate) {
            Result r = eval(candidate, subPath);
            if (literal == null) {
                return r.found();
            }
            if (!r.found()) {
                return false;
            }
            if ((literal.startsWith("'") && literal.endsWith("'"))
                    || (literal.startsWith("\"") && literal.endsWith("\"") && literal.length() >= 2)) {
                return r.value() instanceof JsonString s
                        && s.getString().equals(literal.substring(1, literal.length() - 1));
            }
            try {
                return Json.deepEquals(r.value(), Json.parse(literal));
            } catch (RuntimeException e) {
                return Json.text(r.value()).equals(literal);
            }
        }
    }
}
