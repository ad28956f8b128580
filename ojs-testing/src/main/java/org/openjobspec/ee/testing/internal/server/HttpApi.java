package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.openjobspec.ee.testing.internal.server.Requests.body;
import static org.openjobspec.ee.testing.internal.server.Requests.collectIds;
import static org.openjobspec.ee.testing.internal.server.Requests.csv;
import static org.openjobspec.ee.testing.internal.server.Requests.intParam;
import static org.openjobspec.ee.testing.internal.server.Requests.jobId;
import static org.openjobspec.ee.testing.internal.server.Requests.object;
import static org.openjobspec.ee.testing.internal.server.Requests.optionalPositive;
import static org.openjobspec.ee.testing.internal.server.Requests.optionalString;
import static org.openjobspec.ee.testing.internal.server.Requests.query;
import static org.openjobspec.ee.testing.internal.server.Requests.segments;

/** The OJS HTTP binding (protocol digest §1-§2) over {@link ServerState}, served by {@link LoopbackHttpServer}. */
public final class HttpApi implements LoopbackHttpServer.Handler {
    public static final String CONTENT_TYPE = "application/openjobspec+json";
    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());
    /** Request bodies above this size are answered with 413. */
    public static final int MAX_BODY = 1 << 20;
    private static final String DOCS = "https://openjobspec.org/spec/ojs-http-binding";

    private final ServerState state;
    private final String authToken;
    private final long sseHeartbeatMs;
    private final BooleanSupplier stopping;
    private final long startedAt = System.currentTimeMillis();
    private volatile String baseUrl = "";
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();

    /** SSE streams still being written (stop waits for them to end cleanly before closing connections). */
    public int openStreams() {
        return openStreams.get();
    }

    public HttpApi(ServerState state, String authToken, long sseHeartbeatMs, BooleanSupplier stopping) {
        this.state = state;
        this.authToken = authToken;
        this.sseHeartbeatMs = sseHeartbeatMs;
        this.stopping = stopping;
    }

    public void baseUrl(String url) {
        this.baseUrl = url;
    }

    private record Response(int status, JsonValue body, Map<String, String> headers) {
        static Response ok(JsonValue body) {
            return new Response(200, body, Map.of());
        }
    }

    /** Thrown by an SSE handler after it has written the whole response itself. */
    private static final class AlreadySent extends RuntimeException {
        AlreadySent() {
            super(null, null, false, false);
        }
    }

    @Override
    public void handle(Exchange ex) throws IOException {
        String requestId = ex.header("X-Request-Id");
        if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
            requestId = "req_" + Ids.uuidV7();
        }
        ex.responseHeader("OJS-Version", "1.0");
        ex.responseHeader("X-Request-Id", requestId);
        Response r;
        try {
            r = route(ex);
        } catch (AlreadySent sent) {
            return;
        } catch (ApiException e) {
            r = error(e, requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Messages.SRV_0900 + ": unexpected error on " + ex.method() + " "
                    + ex.rawPath(), e);
            r = error(new ApiException(500, "internal_error", null, Messages.SRV_0900 + ": Internal server error: " + e,
                    "This is a bug in the embedded server; please report it with the request.", null, true),
                    requestId);
        }
        send(ex, r);
    }

    private static void send(Exchange ex, Response r) throws IOException {
        r.headers().forEach(ex::responseHeader);
        if (r.body() == null) {
            ex.respond(r.status(), null);
            return;
        }
        ex.responseHeader("Content-Type", CONTENT_TYPE);
        ex.respond(r.status(), Json.writeBytes(r.body()));
    }

    private static Response error(ApiException e, String requestId) {
        JsonObjectBuilder err = Json.obj().add("code", e.code());
        if (e.type() != null) {
            err.add("type", e.type());
        }
        err.add("message", e.getMessage()).add("retryable", e.retryable());
        if (e.details() != null) {
            err.add("details", e.details());
        }
        err.add("request_id", requestId);
        if (e.hint() != null) {
            err.add("hint", e.hint());
        }
        err.add("docs_url", DOCS);
        Map<String, String> headers = new HashMap<>();
        if (e.status() == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        return new Response(e.status(), Json.obj().add("error", err).build(), headers);
    }

    // ------------------------------------------------------------------ routing

    private Response route(Exchange ex) throws IOException {
        String method = ex.method().toUpperCase(Locale.ROOT);
        String path = ex.rawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] seg = segments(path);
        if (!path.equals("/ojs/v1/health")) {
            checkAuth(ex);
        }
        checkVersion(ex);
        Map<String, String> query = query(ex.rawQuery());
        long now = System.currentTimeMillis();

        if (path.equals("/ojs/manifest")) {
            allow(method, "GET");
            return Response.ok(manifest());
        }
        if (seg.length < 3 || !seg[0].equals("ojs") || !seg[1].equals("v1")) {
            throw unknownRoute(method, path);
        }
        String area = seg[2];
        int n = seg.length;
        switch (area) {
            case "health" -> {
                if (n == 3) {
                    allow(method, "GET");
                    return Response.ok(health());
                }
            }
            case "jobs" -> {
                if (n == 3) {
                    allow(method, "POST");
                    PushRequest req = PushRequest.parse(body(ex), now, "");
                    ServerState.Pushed p = state.enqueue(req, now);
                    return new Response(p.created() ? 201 : 200, Json.obj().add("job", p.job()).build(),
                            p.created() ? Map.of("Location", "/ojs/v1/jobs/" + p.id()) : Map.of());
                }
                if (n == 4 && seg[3].equals("batch")) {
                    allow(method, "POST");
                    return new Response(201, batch(body(ex), now), Map.of());
                }
                if (n == 4) {
                    allow(method, "GET", "DELETE");
                    return Response.ok(method.equals("GET") ? state.get(seg[3]) : state.cancel(seg[3], now));
                }
                if (n == 5 && seg[4].equals("progress")) {
                    allow(method, "GET", "PUT");
                    return Response.ok(method.equals("GET") ? state.progress(seg[3]) : progress(seg[3], body(ex), now));
                }
                if (n == 5 && seg[4].equals("events")) {
                    allow(method, "GET");
                    stream(ex, state.subscribeJob(seg[3], now));
                }
            }
            case "workers" -> {
                if (n == 4) {
                    allow(method, "POST");
                    JsonObject b = object(body(ex));
                    return Response.ok(switch (seg[3]) {
                        case "fetch" -> fetch(b, now);
                        case "ack" -> state.ack(jobId(b), b.containsKey("result") ? b.get("result") : null, now);
                        case "nack", "fail" -> nack(b, now);
                        case "heartbeat", "beat" -> heartbeat(b, now);
                        default -> throw unknownRoute(method, path);
                    });
                }
            }
            case "queues" -> {
                if (n == 3) {
                    allow(method, "GET");
                    // no limit: every queue, as the reference server answers
                    Integer limit = query.containsKey("limit") ? intParam(query, "limit", 50, 1, 1000) : null;
                    return Response.ok(state.listQueues(limit, intParam(query, "offset", 0, 0, Integer.MAX_VALUE)));
                }
                if (n == 5) {
                    String q = seg[3];
                    switch (seg[4]) {
                        case "stats" -> {
                            allow(method, "GET");
                            return Response.ok(state.queueStats(q, now));
                        }
                        case "pause", "resume" -> {
                            allow(method, "POST");
                            body(ex); // optional, ignored; still must be well-formed if sent
                            PushRequest.parseQueue(Json.str(q), "");
                            return Response.ok(state.setPaused(q, seg[4].equals("pause"), now));
                        }
                        case "events" -> {
                            allow(method, "GET");
                            stream(ex, state.subscribeQueue(q));
                        }
                        default -> {
                        }
                    }
                }
            }
            case "dead-letter" -> {
                if (n == 3) {
                    allow(method, "GET");
                    int limit = intParam(query, "limit", 50, 1, 1000);
                    int offset = intParam(query, "offset", 0, 0, Integer.MAX_VALUE);
                    return Response.ok(state.listDeadLetter(query.get("queue"), limit, offset));
                }
                if (n == 4) {
                    allow(method, "DELETE");
                    return Response.ok(state.deleteDeadLetter(seg[3]));
                }
                if (n == 5 && seg[4].equals("retry")) {
                    allow(method, "POST");
                    body(ex);
                    return Response.ok(state.retryDeadLetter(seg[3], now));
                }
            }
            case "cron" -> {
                if (n == 3) {
                    allow(method, "GET", "POST");
                    if (method.equals("GET")) {
                        return Response.ok(state.listCrons());
                    }
                    ServerState.Pushed p = state.registerCron(object(body(ex)), now);
                    return new Response(p.created() ? 201 : 200, p.job(), Map.of());
                }
                if (n == 4) {
                    allow(method, "DELETE");
                    return Response.ok(state.deleteCron(seg[3]));
                }
            }
            case "workflows" -> {
                if (n == 3) {
                    allow(method, "POST");
                    JsonObject wf = state.createWorkflow(object(body(ex)), now);
                    return new Response(201, wf, Map.of("Location", "/ojs/v1/workflows/"
                            + wf.getJsonObject("workflow").getString("id")));
                }
                if (n == 4) {
                    allow(method, "GET", "DELETE");
                    return Response.ok(method.equals("GET") ? state.getWorkflow(seg[3])
                            : state.cancelWorkflow(seg[3], now));
                }
            }
            case "events" -> {
                if (n == 3) {
                    allow(method, "GET");
                    return Response.ok(state.pollEvents(csv(query.get("types")), csv(query.get("queues")),
                            csv(query.get("job_types")), query.get("after"),
                            intParam(query, "limit", 100, 1, 1000)));
                }
            }
            case "admin" -> {
                if (n == 4 && seg[3].equals("workers")) {
                    allow(method, "GET");
                    return Response.ok(state.listWorkers(now));
                }
                if (n == 6 && seg[3].equals("workers") && (seg[5].equals("quiet") || seg[5].equals("terminate"))) {
                    allow(method, "POST");
                    body(ex);
                    return Response.ok(state.setWorkerDirective(seg[4], seg[5]));
                }
                if (n == 4 && seg[3].equals("reset")) {
                    allow(method, "POST");
                    state.reset();
                    return Response.ok(Json.obj().add("reset", true).build());
                }
            }
            default -> {
            }
        }
        throw unknownRoute(method, path);
    }

    private static ApiException unknownRoute(String method, String path) {
        return new ApiException(404, "not_found", Messages.SRV_0001 + ": No endpoint " + method + " " + path + ".",
                "See the OJS HTTP binding for the endpoints under /ojs/v1; the manifest is at /ojs/manifest.",
                Json.obj().add("resource_type", "endpoint").add("resource_id", path).build());
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new ApiException(405, "method_not_allowed", null, Messages.SRV_0002 + ": Method " + method
                + " is not allowed here; use " + String.join(" or ", allowed) + ".",
                "Check the HTTP method for this endpoint.", Json.obj().add("allowed", String.join(",", allowed))
                .build(), false);
    }

    // ------------------------------------------------------------------ request checks

    private void checkAuth(Exchange ex) {
        if (authToken == null) {
            return;
        }
        String h = ex.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            throw new ApiException(401, "unauthorized", Messages.SRV_0010 + ": Missing or malformed bearer token.",
                    "Send 'Authorization: Bearer <token>' with the token the server was started with.", null);
        }
        byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, authToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "forbidden", Messages.SRV_0011 + ": The bearer token is not valid for this server.",
                    "Use the token the server was started with.", null);
        }
    }

    private static void checkVersion(Exchange ex) {
        String v = ex.header("OJS-Version");
        if (v != null && !v.isBlank() && !(v.trim().equals("1") || v.trim().startsWith("1."))) {
            throw new ApiException(422, "unsupported", null, Messages.SRV_0012 + ": OJS-Version '" + v
                    + "' is not supported; this server speaks 1.0.", "Send 'OJS-Version: 1.0' or omit the header.",
                    Json.obj().add("supported", "1.0").build(), false);
        }
    }

    // ------------------------------------------------------------------ handlers

    private JsonObject batch(JsonValue body, long now) {
        JsonObject b = object(body);
        if (!(b.get("jobs") instanceof JsonArray arr) || arr.isEmpty()) {
            throw ApiException.invalid(Messages.SRV_0020, "The 'jobs' field must be a non-empty array.",
                    "Send {\"jobs\":[{\"type\":\"...\",\"args\":[...]}, ...]}.", "jobs");
        }
        List<PushRequest> reqs = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            try {
                reqs.add(PushRequest.parse(arr.get(i), now, ""));
            } catch (ApiException e) {
                throw ApiException.batchElement(i, e);
            }
        }
        return state.enqueueBatch(reqs, now);
    }

    private JsonObject fetch(JsonObject b, long now) {
        if (!(b.get("queues") instanceof JsonArray qs) || qs.isEmpty()) {
            throw ApiException.invalid(Messages.SRV_0021, "The 'queues' field must be a non-empty array of queue names.",
                    "Send {\"queues\":[\"default\"],\"count\":1,\"worker_id\":\"w-1\"}.", "queues");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue q : qs) {
            names.add(PushRequest.parseQueue(q, ""));
        }
        int count = 1;
        if (b.containsKey("count") && !Json.isNull(b.get("count"))) {
            if (!(b.get("count") instanceof JsonNumber c) || !c.isIntegral()) {
                throw ApiException.invalid(Messages.SRV_0022, "'count' must be an integer.",
                        "Send the number of free worker slots, e.g. 10.", "count");
            }
            count = (int) Math.max(1, Math.min(1000, c.longValue()));
        }
        return state.fetch(names, count, optionalString(b, "worker_id"), optionalPositive(b, "visibility_timeout_ms"),
                now);
    }

    private JsonObject nack(JsonObject b, long now) {
        String id = jobId(b);
        JsonObject error = null;
        if (b.containsKey("error") && !Json.isNull(b.get("error"))) {
            if (!(b.get("error") instanceof JsonObject e)) {
                throw ApiException.invalid(Messages.SRV_0023, "'error' must be an object.",
                        "Send {\"code\":\"handler_error\",\"message\":\"...\",\"retryable\":true}.", "error");
            }
            error = e;
        }
        JsonValue rq = b.get("requeue");
        if (rq != null && rq != JsonValue.TRUE && rq != JsonValue.FALSE && !Json.isNull(rq)) {
            throw ApiException.invalid(Messages.SRV_0024, "'requeue' must be a boolean.", "Send true or false.",
                    "requeue");
        }
        return state.nack(id, error, rq == JsonValue.TRUE, now);
    }

    /** PUT progress (progress extension): {@code {"progress": 0..1, "message"?: string, "data"?: object}}. */
    private JsonObject progress(String id, JsonValue body, long now) {
        JsonObject b = object(body);
        if (!(b.get("progress") instanceof JsonNumber value)) {
            throw ApiException.invalid(Messages.SRV_0310, "The 'progress' field is required and must be a number.",
                    "Send the fraction done from 0.0 to 1.0, e.g. {\"progress\":0.5,\"message\":\"half done\"}.",
                    "progress");
        }
        JsonValue data = b.get("data");
        if (data != null && !Json.isNull(data) && !(data instanceof JsonObject)) {
            throw ApiException.invalid(Messages.SRV_0311, "'data' must be an object.",
                    "Send structured progress as an object, e.g. {\"rows\":500}, or leave it out.", "data");
        }
        return state.progress(id, value.doubleValue(), optionalString(b, "message"),
                data instanceof JsonObject o ? o : null, now);
    }

    private JsonObject heartbeat(JsonObject b, long now) {
        String worker = optionalString(b, "worker_id");
        if (worker == null || worker.isBlank()) {
            throw ApiException.invalid(Messages.SRV_0025, "The 'worker_id' field is required.",
                    "Send {\"worker_id\":\"w-1\",\"active_jobs\":[\"<job id>\",...]}.", "worker_id");
        }
        Set<String> ids = new LinkedHashSet<>();
        JsonValue activeJobs = b.get("active_jobs");
        if (activeJobs instanceof JsonArray a) {
            collectIds(a, ids, "active_jobs");
        } else if (activeJobs != null && !(activeJobs instanceof JsonNumber) && !Json.isNull(activeJobs)) {
            throw ApiException.invalid(Messages.SRV_0026, "'active_jobs' must be an array of job ids.",
                    "Send \"active_jobs\":[\"<job id>\",...].", "active_jobs");
        }
        if (b.get("active_job_ids") instanceof JsonArray a) { // worker-protocol shape
            collectIds(a, ids, "active_job_ids");
        }
        String single = optionalString(b, "job_id");
        if (single != null) {
            ids.add(single);
        }
        return state.heartbeat(worker, new ArrayList<>(ids), optionalPositive(b, "visibility_timeout_ms"),
                optionalString(b, "state"), identity(b), now);
    }

    /**
     * What a heartbeat says about its worker (worker protocol §4.2): the keys of {@link Workers#IDENTITY} that carry
     * a value of the right JSON type. Others are ignored, as the reference server ignores keys it does not know.
     */
    private static JsonObject identity(JsonObject b) {
        JsonObjectBuilder id = Json.obj();
        Workers.IDENTITY.forEach((key, type) -> {
            JsonValue v = b.get(key);
            if (v != null && v.getValueType() == type) {
                id.add(key, v);
            }
        });
        return id.build();
    }

    private JsonObject manifest() {
        return Json.obj().add("specversion", "1.0").add("ojs_version", "1.0")
                .add("implementation", Json.obj().add("name", "ojs-ee-embedded").add("version", "0.1.0")
                        .add("language", "java").add("backend", "memory")
                        .add("homepage", "https://openjobspec.org"))
                .add("conformance_level", 4).add("conformance_tier", "runtime")
                .add("protocols", Json.arr().add("http")).add("backend", "memory")
                .add("capabilities", Json.obj().add("batch_enqueue", true).add("cron_jobs", true)
                        .add("dead_letter", true).add("delayed_jobs", true).add("job_ttl", true)
                        .add("priority_queues", true).add("rate_limiting", true).add("schema_validation", false)
                        .add("unique_jobs", true).add("workflows", true).add("pause_resume", true)
                        .add("events", true).add("sse", true))
                .add("extensions", Json.obj().add("official", Json.arr()
                        .add(Json.obj().add("name", "admin-api").add("uri", "urn:ojs:ext:admin-api")
                                .add("version", "1.0.0"))
                        .add(Json.obj().add("name", "dead-letter").add("uri", "urn:ojs:ext:dead-letter")
                                .add("version", "1.0.0"))
                        .add(Json.obj().add("name", "progress").add("uri", "urn:ojs:ext:progress")
                                .add("version", "1.0.0"))))
                .add("endpoints", Json.obj().add("base_url", baseUrl + "/ojs/v1").add("manifest", "/ojs/manifest")
                        .add("health", "/ojs/v1/health"))
                .build();
    }

    private JsonObject health() {
        return Json.obj().add("status", "ok").add("version", "1.0")
                .add("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000)
                .add("backend", Json.obj().add("type", "memory").add("status", "ok")).build();
    }

    // ------------------------------------------------------------------ SSE

    private void stream(Exchange ex, SseSink sink) {
        openStreams.incrementAndGet();
        try {
            ex.responseHeader("Content-Type", "text/event-stream");
            ex.responseHeader("Cache-Control", "no-cache");
            ex.responseHeader("X-Accel-Buffering", "no");
            OutputStream os = ex.openStream(200);
            os.write("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
            os.flush();
            long lastWrite = System.currentTimeMillis();
            while (!stopping.getAsBoolean()) {
                String frame = sink.poll(Math.min(200, sseHeartbeatMs));
                long now = System.currentTimeMillis();
                if (frame != null) {
                    if (SseSink.isClose(frame)) {
                        break;
                    }
                    os.write(frame.getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    lastWrite = now;
                } else if (now - lastWrite >= sseHeartbeatMs) {
                    os.write(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    lastWrite = now;
                }
            }
            os.close();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            state.unsubscribe(sink);
            openStreams.decrementAndGet();
        }
        throw new AlreadySent();
    }
}
