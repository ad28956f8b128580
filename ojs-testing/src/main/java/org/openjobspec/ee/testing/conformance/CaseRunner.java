package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.server.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Executes one conformance case file against a server, step by step, as the cases' README describes. */
public final class CaseRunner {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final String OJS_JSON = "application/openjobspec+json";

    private final HttpClient http;
    private final URI base;
    private final Map<String, StepResponse> responses = new LinkedHashMap<>();

    /** A recorded response; {@code body} is null when the body is empty or not JSON. */
    public record StepResponse(int status, Map<String, List<String>> headers, String raw, JsonValue body,
                               long elapsedMs) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A failed step or check, with the reason the runner prints. */
    static final class CaseFailure extends Exception {
        CaseFailure(String message) {
            super(message, null, false, false);
        }
    }

    public CaseRunner(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Runs setup, steps and teardown (teardown always); returns null on success, else the reason. */
    public String run(JsonObject doc) {
        String failure = null;
        try {
            runSteps(section(doc, "setup"), "setup");
            List<JsonObject> steps = section(doc, "steps");
            if (steps.isEmpty()) {
                throw new CaseFailure("case has no steps");
            }
            runSteps(steps, null);
        } catch (CaseFailure f) {
            failure = f.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = "runner error: " + e;
        }
        try {
            runSteps(section(doc, "teardown"), "teardown");
        } catch (CaseFailure | RuntimeException f) {
            if (failure == null) {
                failure = "teardown: " + f.getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    private static List<JsonObject> section(JsonObject doc, String key) throws CaseFailure {
        JsonValue v = doc.get(key);
        if (v == null || Json.isNull(v)) {
            return List.of();
        }
        if (v instanceof JsonObject o) {
            v = o.containsKey("steps") ? o.get("steps") : Json.arr().add(o).build();
        }
        if (!(v instanceof JsonArray a)) {
            throw new CaseFailure("'" + key + "' must be a list of steps");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue s : a) {
            if (!(s instanceof JsonObject so)) {
                throw new CaseFailure("a step in '" + key + "' is not an object");
            }
            out.add(so);
        }
        return out;
    }

    private void runSteps(List<JsonObject> steps, String label) throws CaseFailure, InterruptedException {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (JsonObject s : steps) {
            byId.put(stepId(s, byId.size()), s);
        }
        List<String> done = new ArrayList<>();
        int index = 0;
        for (JsonObject step : steps) {
            String id = stepId(step, index++);
            if (done.contains(id)) {
                continue; // already ran as the partner of a parallel step
            }
            String where = (label == null ? "" : label + " ") + "step " + id;
            String action = string(step, "action", "").toUpperCase(Locale.ROOT);
            String partnerId = string(step, "parallel_with", null);
            JsonObject partner = partnerId == null || done.contains(partnerId) ? null : byId.get(partnerId);
            if (partner != null && isHttp(action) && isHttp(string(partner, "action", "").toUpperCase(Locale.ROOT))) {
                CompletableFuture<StepResponse> a = CompletableFuture.supplyAsync(() -> callQuietly(step));
                CompletableFuture<StepResponse> b = CompletableFuture.supplyAsync(() -> callQuietly(partner));
                StepResponse ra = join(a, where);
                StepResponse rb = join(b, "step " + partnerId);
                responses.put(id, ra);
                responses.put(partnerId, rb);
                done.add(id);
                done.add(partnerId);
                checkAssertions(step, ra, where);
                checkAssertions(partner, rb, "step " + partnerId);
                continue;
            }
            sleep(step, "delay_ms");
            switch (action) {
                case "WAIT" -> sleep(step, "duration_ms");
                case "ASSERT" -> crossStep(step, where);
                default -> {
                    if (!isHttp(action)) {
                        throw new CaseFailure(where + ": unsupported action '" + action + "'");
                    }
                    StepResponse r = call(step, where);
                    responses.put(id, r);
                    checkAssertions(step, r, where);
                }
            }
            done.add(id);
        }
    }

    private static boolean isHttp(String action) {
        return List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(action);
    }

    private static String stepId(JsonObject step, int index) {
        return step.get("id") instanceof JsonString s ? s.getString() : "#" + (index + 1);
    }

    private static void sleep(JsonObject step, String key) throws InterruptedException {
        if (step.get(key) instanceof JsonNumber n && n.longValue() > 0) {
            Thread.sleep(n.longValue());
        }
    }

    private StepResponse join(CompletableFuture<StepResponse> f, String where) throws CaseFailure {
        StepResponse r = f.join();
        if (r.status() < 0) {
            throw new CaseFailure(where + ": request failed: " + r.raw());
        }
        return r;
    }

    private StepResponse callQuietly(JsonObject step) {
        try {
            sleep(step, "delay_ms");
            return call(step, "parallel step");
        } catch (CaseFailure | InterruptedException e) {
            return new StepResponse(-1, Map.of(), e.getMessage(), null, 0);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private StepResponse call(JsonObject step, String where) throws CaseFailure {
        String method = string(step, "action", "GET").toUpperCase(Locale.ROOT);
        String path = resolve(string(step, "path", "/")).text();
        HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        String body = null;
        if (step.get("raw_body") instanceof JsonString raw) {
            body = resolve(raw.getString()).text();
        } else if (step.containsKey("body") && !Json.isNull(step.get("body"))) {
            body = Json.write(resolveDeep(step.get("body")));
        }
        boolean contentTypeGiven = false;
        if (step.get("headers") instanceof JsonObject hs) {
            for (Map.Entry<String, JsonValue> h : hs.entrySet()) {
                contentTypeGiven |= h.getKey().equalsIgnoreCase("Content-Type");
                rb.header(h.getKey(), resolve(Json.text(h.getValue())).text());
            }
        }
        if (body != null && !contentTypeGiven) {
            rb.header("Content-Type", OJS_JSON);
        }
        rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        long start = System.nanoTime();
        HttpResponse<String> resp;
        try {
            resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new CaseFailure(where + ": " + method + " " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure(where + ": interrupted");
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        JsonValue parsed = null;
        String raw = resp.body() == null ? "" : resp.body();
        if (!raw.isBlank()) {
            try {
                parsed = Json.parse(raw);
            } catch (RuntimeException notJson) {
                parsed = null;
            }
        }
        return new StepResponse(resp.statusCode(), resp.headers().map(), raw, parsed, elapsed);
    }

    // ------------------------------------------------------------------ assertions

    private void checkAssertions(JsonObject step, StepResponse r, String where) throws CaseFailure {
        if (!(step.get("assertions") instanceof JsonObject a)) {
            return;
        }
        String context = where + " (" + string(step, "action", "") + " " + resolve(string(step, "path", "")).text()
                + " -> " + r.status() + ")";
        for (Map.Entry<String, JsonValue> e : a.entrySet()) {
            String reason = switch (e.getKey()) {
                case "status" -> checkStatus(e.getValue(), r.status());
                case "status_in" -> checkStatus(Json.obj().add("$in", e.getValue()).build(), r.status());
                case "body" -> checkBody(asObject(e.getValue(), "body"), r);
                case "body_absent" -> checkAbsent(e.getValue(), r);
                case "body_contains" -> checkContains(e.getValue(), r);
                case "headers" -> checkHeaders(asObject(e.getValue(), "headers"), r);
                case "timing_ms" -> checkTiming(asObject(e.getValue(), "timing_ms"), r);
                default -> "unsupported assertion '" + e.getKey() + "'";
            };
            if (reason != null) {
                throw new CaseFailure(context + ": " + e.getKey() + ": " + reason
                        + (e.getKey().equals("status") ? "; body " + shortBody(r) : ""));
            }
        }
    }

    private static String shortBody(StepResponse r) {
        String s = r.raw().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    private static JsonObject asObject(JsonValue v, String what) {
        if (!(v instanceof JsonObject o)) {
            throw new IllegalArgumentException("'" + what + "' assertion must be an object");
        }
        return o;
    }

    /** An integer; "number:range(a,b)"; "one_of:a,b"; or {"$in":[...]}. */
    static String checkStatus(JsonValue expected, int status) {
        JsonValue actual = Json.num(status);
        if (expected instanceof JsonString s && s.getString().startsWith("one_of:")) {
            for (String c : s.getString().substring(7).split(",")) {
                if (c.trim().equals(String.valueOf(status))) {
                    return null;
                }
            }
            return "expected one of " + s.getString().substring(7) + ", got " + status;
        }
        if (expected instanceof JsonString s && s.getString().matches("^\\d{3}$")) {
            expected = Json.num(Long.parseLong(s.getString()));
        }
        String r = Matchers.check(expected, new JsonPath.Result(true, actual), false);
        return r == null ? null : "got " + status + " (" + r + ")";
    }

    private String checkBody(JsonObject map, StepResponse r) {
        for (Map.Entry<String, JsonValue> e : map.entrySet()) {
            String key = e.getKey();
            String reason;
            if (key.equals("$or")) {
                List<String> reasons = new ArrayList<>();
                reason = null;
                boolean any = false;
                for (JsonValue alt : (JsonArray) e.getValue()) {
                    String ar = checkBody(asObject(alt, "$or alternative"), r);
                    if (ar == null) {
                        any = true;
                        break;
                    }
                    reasons.add(ar);
                }
                if (!any) {
                    reason = "no alternative of $or matched: " + String.join(" | ", reasons);
                }
            } else if (key.equals("$empty")) {
                boolean empty = r.raw().isBlank();
                reason = empty == (e.getValue() == JsonValue.TRUE) ? null
                        : "expected " + (empty ? "a body" : "an empty body") + ", got " + shortBody(r);
            } else {
                Resolved path = resolve(key);
                Resolved expected = e.getValue() instanceof JsonString s ? resolve(s.getString()) : null;
                JsonValue matcher = expected != null ? Json.str(expected.text()) : resolveDeep(e.getValue());
                JsonPath.Result actual = JsonPath.eval(r.body(), path.text());
                String m = Matchers.check(matcher, actual, expected != null && expected.templated());
                reason = m == null ? null : path.text() + ": " + m;
            }
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private String checkAbsent(JsonValue paths, StepResponse r) {
        JsonArray list = paths instanceof JsonArray a ? a : Json.arr().add(paths).build();
        for (JsonValue p : list) {
            String path = resolve(Json.text(p)).text();
            JsonPath.Result res = JsonPath.eval(r.body(), path);
            if (res.found()) {
                return path + ": expected absent, found " + Matchers.describe(res);
            }
        }
        return null;
    }

    private String checkContains(JsonValue parts, StepResponse r) {
        JsonArray list = parts instanceof JsonArray a ? a : Json.arr().add(parts).build();
        for (JsonValue p : list) {
            String text = resolve(Json.text(p)).text();
            if (!r.raw().contains(text)) {
                return "body does not contain \"" + text + "\"";
            }
        }
        return null;
    }

    private String checkHeaders(JsonObject map, StepResponse r) {
        for (Map.Entry<String, JsonValue> e : map.entrySet()) {
            String actual = r.header(e.getKey());
            JsonPath.Result found = actual == null ? new JsonPath.Result(false, null)
                    : new JsonPath.Result(true, Json.str(actual));
            JsonValue expected = e.getValue() instanceof JsonString s ? Json.str(resolve(s.getString()).text())
                    : resolveDeep(e.getValue());
            String m = expected instanceof JsonString s
                    ? (actual != null && actual.equals(s.getString()) ? null
                    : "expected \"" + s.getString() + "\", found " + (actual == null ? "nothing" : "\"" + actual + "\""))
                    : Matchers.check(expected, found, false);
            if (m != null) {
                return e.getKey() + ": " + m;
            }
        }
        return null;
    }

    static String checkTiming(JsonObject t, StepResponse r) {
        long ms = r.elapsedMs();
        if (t.get("less_than") instanceof JsonNumber n && ms >= n.longValue()) {
            return "took " + ms + " ms, expected less than " + n;
        }
        if (t.get("greater_than") instanceof JsonNumber n && ms <= n.longValue()) {
            return "took " + ms + " ms, expected more than " + n;
        }
        if (t.get("approximate") instanceof JsonNumber n && !Matchers.approximately(ms, n.doubleValue())) {
            return "took " + ms + " ms, expected about " + n + " (±max(50%, 100 ms))";
        }
        for (String k : t.keySet()) {
            if (!List.of("less_than", "greater_than", "approximate").contains(k)) {
                return "unsupported timing check '" + k + "'";
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ ASSERT steps

    private void crossStep(JsonObject step, String where) throws CaseFailure {
        if (!(step.get("assertions") instanceof JsonObject a) || a.isEmpty()) {
            throw new CaseFailure(where + ": ASSERT step without assertions");
        }
        for (Map.Entry<String, JsonValue> e : a.entrySet()) {
            String reason = switch (e.getKey()) {
                case "exclusive_claim" -> exclusiveClaim(asObject(e.getValue(), "exclusive_claim"));
                case "equality" -> equality(asObject(e.getValue(), "equality"));
                default -> "unsupported ASSERT check '" + e.getKey() + "'";
            };
            if (reason != null) {
                throw new CaseFailure(where + ": " + e.getKey() + ": " + reason);
            }
        }
    }

    private String exclusiveClaim(JsonObject spec) {
        String jobId = resolve(Json.text(spec.get("job_id"))).text();
        if (!(spec.get("fetches") instanceof JsonArray fetches) || fetches.isEmpty()) {
            return "needs a non-empty 'fetches' list";
        }
        int withJob = 0;
        int empty = 0;
        List<String> seen = new ArrayList<>();
        for (JsonValue f : fetches) {
            JsonValue list = f instanceof JsonString s ? parseOrNull(resolve(s.getString())) : f;
            JsonArray jobs = list instanceof JsonArray arr ? arr : null;
            if (jobs == null || jobs.isEmpty()) {
                empty++;
                seen.add("[]");
                continue;
            }
            boolean has = jobs.stream().anyMatch(j -> j instanceof JsonObject o && jobId.equals(Json.stringOrNull(o, "id")));
            if (has) {
                withJob++;
            }
            seen.add(Matchers.shorten(jobs));
        }
        if (spec.get("exactly_one_has_job") == JsonValue.TRUE && withJob != 1) {
            return "expected exactly one fetch to hold job " + jobId + ", " + withJob + " did: " + seen;
        }
        if (spec.get("exactly_one_empty") == JsonValue.TRUE && empty != 1) {
            return "expected exactly one empty fetch, got " + empty + ": " + seen;
        }
        return null;
    }

    private String equality(JsonObject spec) {
        JsonObject root = context();
        for (Map.Entry<String, JsonValue> e : spec.entrySet()) {
            JsonPath.Result actual = JsonPath.eval(root, resolve(e.getKey()).text());
            JsonValue expected = e.getValue() instanceof JsonString s ? parseOrNull(resolve(s.getString()))
                    : resolveDeep(e.getValue());
            if (!actual.found() || expected == null || !Json.deepEquals(actual.value(), expected)) {
                return e.getKey() + ": " + Matchers.describe(actual) + " differs from "
                        + (expected == null ? "an unresolvable value" : Matchers.shorten(expected));
            }
        }
        return null;
    }

    private static JsonValue parseOrNull(Resolved r) {
        if (!r.templated() || r.text().contains("{{")) {
            try {
                return Json.parse(r.text());
            } catch (RuntimeException e) {
                return r.text().contains("{{") ? null : Json.str(r.text());
            }
        }
        try {
            return Json.parse(r.text());
        } catch (RuntimeException e) {
            return Json.str(r.text());
        }
    }

    // ------------------------------------------------------------------ templates

    /** Text after template substitution, and whether any template was replaced. */
    public record Resolved(String text, boolean templated) {
    }

    /**
     * Replaces {@code {{steps.<id>.response.body.<path>}}} (also {@code .status}, {@code .headers.<name>}):
     * strings as they are, whole numbers without decimals, objects and arrays as JSON text. An unresolvable
     * template stays as written.
     */
    public Resolved resolve(String s) {
        if (s == null || !s.contains("{{")) {
            return new Resolved(s, false);
        }
        Matcher m = TEMPLATE.matcher(s);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        JsonObject root = null;
        while (m.find()) {
            String expr = m.group(1);
            String replacement = null;
            if (expr.startsWith("steps.")) {
                if (root == null) {
                    root = context();
                }
                JsonPath.Result r = JsonPath.eval(root, "$." + expr);
                if (r.found()) {
                    replacement = Json.text(r.value());
                }
            }
            if (replacement != null) {
                any = true;
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return new Resolved(out.toString(), any);
    }

    public JsonValue resolveDeep(JsonValue v) {
        if (v instanceof JsonString s) {
            return Json.str(resolve(s.getString()).text());
        }
        if (v instanceof JsonArray a) {
            var b = Json.arr();
            a.forEach(x -> b.add(resolveDeep(x)));
            return b.build();
        }
        if (v instanceof JsonObject o) {
            JsonObjectBuilder b = Json.obj();
            o.forEach((k, x) -> b.add(resolve(k).text(), resolveDeep(x)));
            return b.build();
        }
        return v;
    }

    private JsonObject context() {
        JsonObjectBuilder steps = Json.obj();
        responses.forEach((id, r) -> {
            JsonObjectBuilder headers = Json.obj();
            r.headers().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    headers.add(k.toLowerCase(Locale.ROOT), v.get(0));
                }
            });
            JsonObjectBuilder resp = Json.obj().add("status", r.status()).add("headers", headers);
            if (r.body() != null) {
                resp.add("body", r.body());
            }
            steps.add(id, Json.obj().add("response", resp));
        });
        return Json.obj().add("steps", steps).build();
    }

    /** Records a response as if a step had produced it (for unit tests of templates and assertions). */
    void record(String stepId, StepResponse r) {
        responses.put(stepId, r);
    }

    /** Runs a step's assertions against a given response (for unit tests). */
    String assertionFailure(JsonObject step, StepResponse r) {
        try {
            checkAssertions(step, r, "step " + stepId(step, 0));
            return null;
        } catch (CaseFailure f) {
            return f.getMessage();
        }
    }

    private static String string(JsonObject o, String key, String dflt) {
        return o.get(key) instanceof JsonString s ? s.getString() : dflt;
    }
}
