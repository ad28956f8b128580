package org.openjobspec.ee.reliability.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real OJS server that can be switched into hostile behaviours, and that
 * counts what passes through it: acks and releases per job id, fetch times, injected faults. Faults that a broken
 * server or load balancer answers without doing anything (500, 503, 429) never reach the server; faults that
 * spoil an answer (not JSON, truncated, wrong types, hanging) are applied after the server did the work, which
 * is the nasty case: the server leased jobs the worker never saw.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Fault { NONE, STATUS_500, STATUS_503_RETRY_AFTER, STATUS_429_RETRY_AFTER, NOT_JSON, TRUNCATED_JSON,
        HANGING, WRONG_TYPES }

    /** One request the worker or client sent, and what it was answered. */
    public record Seen(long nanos, String method, String path, int status, Fault fault, String jobId) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstreamClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI upstream;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> acksAccepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> releases = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile Predicate<String> faultyPaths = p -> true;
    private volatile int retryAfterSeconds = 1;
    private volatile CountDownLatch unhang = new CountDownLatch(1);

    public FaultProxy(URI upstream) throws IOException {
        this(upstream, 0);
    }

    /** Listens on 127.0.0.1 and {@code port} (0 = a free one). */
    public FaultProxy(URI upstream, int port) throws IOException {
        String u = upstream.toString();
        this.upstream = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Applies {@code f} to requests whose path matches from now on; NONE heals. */
    public void inject(Fault f, Predicate<String> paths) {
        faultyPaths = paths;
        fault = f;
        if (f != Fault.HANGING) {
            CountDownLatch old = unhang;
            unhang = new CountDownLatch(1);
            old.countDown();
        }
    }

    public void inject(Fault f) {
        inject(f, p -> true);
    }

    public void heal() {
        inject(Fault.NONE);
    }

    public void retryAfterSeconds(int s) {
        retryAfterSeconds = s;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int injectedCount() {
        return injected.get();
    }

    /** Ack requests sent for this job (whatever the answer). */
    public int acks(String jobId) {
        AtomicInteger n = acks.get(jobId);
        return n == null ? 0 : n.get();
    }

    /** Ack requests for this job the server accepted (200). */
    public int acksAccepted(String jobId) {
        AtomicInteger n = acksAccepted.get(jobId);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> allAcks() {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        acks.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Nacks with {@code requeue: true} (jobs handed back unfinished) for this job. */
    public int releases(String jobId) {
        AtomicInteger n = releases.get(jobId);
        return n == null ? 0 : n.get();
    }

    public int totalReleases() {
        return releases.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            String jobId = settledJobId(path, body);
            Fault f = faultyPaths.test(path) ? fault : Fault.NONE;
            switch (f) {
                case STATUS_500 -> answer(ex, path, jobId, f, 500, Map.of(), errorBody("internal_error", "injected 500"));
                case STATUS_503_RETRY_AFTER -> answer(ex, path, jobId, f, 503,
                        Map.of("Retry-After", String.valueOf(retryAfterSeconds)), errorBody("unavailable", "injected 503"));
                case STATUS_429_RETRY_AFTER -> answer(ex, path, jobId, f, 429,
                        Map.of("Retry-After", String.valueOf(retryAfterSeconds)), errorBody("rate_limited", "injected 429"));
                default -> forward(ex, path, jobId, body, f);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (e.g. gave up on a hanging answer): nothing to answer
        }
    }

    private void forward(HttpExchange ex, String path, String jobId, byte[] body, Fault f) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(ex.getRequestMethod(), body.length == 0 && !ex.getRequestMethod().equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Content-Type", "Accept", "Authorization", "OJS-Version", "X-Request-Id")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                rb.header(h, v);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = upstreamClient.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        countSettlement(path, body, r.statusCode());
        byte[] answer = r.body();
        switch (f) {
            case NOT_JSON -> {
                answer(ex, path, jobId, f, 200, Map.of("Content-Type", "text/html"),
                        "<html><body>502 Bad Gateway</body></html>");
                return;
            }
            case TRUNCATED_JSON -> {
                String s = new String(answer, StandardCharsets.UTF_8);
                answer(ex, path, jobId, f, r.statusCode(), Map.of("Content-Type", "application/json"),
                        s.substring(0, Math.max(1, s.length() / 2)));
                return;
            }
            case WRONG_TYPES -> {
                String wrong = path.endsWith("/workers/fetch")
                        ? "{\"jobs\":[{\"id\":42,\"type\":[\"rel.work\"],\"args\":\"nope\",\"attempt\":\"one\"}]}"
                        : "{\"id\":42,\"state\":7,\"job\":\"not an object\",\"jobs\":{\"a\":1},\"directive\":[1]}";
                answer(ex, path, jobId, f, r.statusCode(), Map.of("Content-Type", "application/json"), wrong);
                return;
            }
            case HANGING -> {
                injected.incrementAndGet();
                seen.add(new Seen(System.nanoTime(), ex.getRequestMethod(), path, 0, f, jobId));
                try {
                    unhang.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // closes the connection without an answer
            }
            default -> {
            }
        }
        r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        r.headers().firstValue("Retry-After").ifPresent(v -> ex.getResponseHeaders().set("Retry-After", v));
        seen.add(new Seen(System.nanoTime(), ex.getRequestMethod(), path, r.statusCode(), Fault.NONE, jobId));
        send(ex, r.statusCode(), answer);
    }

    private static String settledJobId(String path, byte[] body) {
        if (!path.endsWith("/workers/ack") && !path.endsWith("/workers/nack")) {
            return null;
        }
        try {
            return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject()
                    .getString("job_id", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void countSettlement(String path, byte[] body, int status) {
        if (!path.endsWith("/workers/ack") && !path.endsWith("/workers/nack")) {
            return;
        }
        JsonObject o = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        String id = o.getString("job_id", "?");
        if (path.endsWith("/ack")) {
            acks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (status == 200) {
                acksAccepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        } else if (o.getBoolean("requeue", false) && status == 200) {
            releases.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void answer(HttpExchange ex, String path, String jobId, Fault f, int status, Map<String, String> headers,
                        String body) throws IOException {
        injected.incrementAndGet();
        seen.add(new Seen(System.nanoTime(), ex.getRequestMethod(), path, status, f, jobId));
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (!headers.containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String errorBody(String code, String message) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code)
                .add("message", message).add("retryable", true)).build().toString();
    }

    @Override
    public void close() {
        unhang.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
