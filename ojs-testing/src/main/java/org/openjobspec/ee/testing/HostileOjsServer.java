package org.openjobspec.ee.testing;

import org.openjobspec.ee.testing.internal.Messages;
import org.openjobspec.ee.testing.internal.server.Exchange;
import org.openjobspec.ee.testing.internal.server.LoopbackHttpServer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OJS server that misbehaves on demand, for reliability tests of clients and workers: it answers 500,
 * 503 or 429 with {@code Retry-After}, non-JSON, truncated JSON, JSON of the wrong shape, cuts a response
 * short, resets the connection, hangs, or does what was asked and loses the answer, per path or for every
 * request, for a number of requests (then the path is healthy again) or until healed. Requests no behaviour claims are served by the {@link EmbeddedOjsServer} underneath, on the same
 * port, so a healed server simply is a working OJS server with all the jobs it received.
 * <pre>{@code
 * try (HostileOjsServer ojs = HostileOjsServer.start()) {
 *     ojs.on("/ojs/v1/workers/fetch", HostileOjsServer.Behaviour.serviceUnavailable(Duration.ofSeconds(1)));
 *     ojs.always(2, HostileOjsServer.Behaviour.serverError());   // the next two requests anywhere get 500
 *     ... client.url(ojs.url()) ...
 *     ojs.heal();                                                // from now on a healthy OJS server
 *     assertThat(ojs.count("/ojs/v1/workers/fetch")).isGreaterThan(1);
 * }
 * }</pre>
 * Paths match exactly, or as a prefix when they end with {@code *} ({@code "/ojs/v1/jobs/*"}). An exact rule
 * wins over a prefix rule, a longer prefix over a shorter one, any path rule over {@link #always}. It listens on
 * 127.0.0.1 and a free port unless told otherwise; {@link #stop()} releases hanging requests and returns when
 * all its threads have ended.
 */
public final class HostileOjsServer implements AutoCloseable {

    /** What the server does with a request. Build them with the static factories. */
    public static final class Behaviour {
        private enum Kind { ANSWER, CUT_OFF, RESET, HANG, HEALTHY, ANSWER_LOST }

        private final Kind kind;
        private final int status;
        private final Map<String, String> headers;
        private final String body;
        private final long delayMillis;

        private Behaviour(Kind kind, int status, Map<String, String> headers, String body, long delayMillis) {
            this.kind = kind;
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.delayMillis = delayMillis;
        }

        /** Any scripted answer; a null body sends none. */
        public static Behaviour answer(int status, Map<String, String> headers, String body) {
            return new Behaviour(Kind.ANSWER, status, Map.copyOf(headers), body, 0);
        }

        /** A JSON answer with the OJS content type (the body need not be valid JSON, nor of the right shape). */
        public static Behaviour json(int status, String body) {
            return answer(status, Map.of("Content-Type", "application/openjobspec+json"), body);
        }

        /** 500 with an OJS error body (retryable). */
        public static Behaviour serverError() {
            return json(500, error("internal_error", Messages.SRV_0700 + ": injected failure (HostileOjsServer)", true));
        }

        /** 503 with {@code Retry-After} in whole seconds (rounded up) and an OJS error body. */
        public static Behaviour serviceUnavailable(Duration retryAfter) {
            return withRetryAfter(503, "unavailable", retryAfter);
        }

        /** 429 with {@code Retry-After} in whole seconds (rounded up) and an OJS error body. */
        public static Behaviour tooManyRequests(Duration retryAfter) {
            return withRetryAfter(429, "rate_limited", retryAfter);
        }

        /** 200 with an HTML page instead of JSON, as a misconfigured proxy answers. */
        public static Behaviour notJson() {
            return answer(200, Map.of("Content-Type", "text/html"), "<html><body>502 Bad Gateway</body></html>");
        }

        /** 200 with a complete HTTP message whose JSON stops in the middle. */
        public static Behaviour truncatedJson() {
            return json(200, "{\"job\":{\"id\":\"0193b3c1-5b4a-7c3e-9d2f-4a1b2c3d4e5f\",\"type\":\"email.se");
        }

        /** 200 with well-formed JSON whose fields have the wrong types (a string for arrays, numbers for ids). */
        public static Behaviour wrongJsonTypes() {
            return json(200, "{\"jobs\":\"none\",\"job\":42,\"id\":7,\"state\":[\"active\"],\"attempt\":\"one\","
                    + "\"acknowledged\":\"yes\",\"jobs_extended\":{},\"state_directive\":false}");
        }

        /** Announces a JSON body, sends half of it and closes the connection. */
        public static Behaviour cutOff() {
            return new Behaviour(Kind.CUT_OFF, 200, Map.of(), null, 0);
        }

        /** Closes the connection without any answer (TCP reset). */
        public static Behaviour resetConnection() {
            return new Behaviour(Kind.RESET, 0, Map.of(), null, 0);
        }

        /**
         * The real server handles the request (an enqueue creates its job), but its answer is dropped and the
         * connection reset: the client cannot tell whether it was done.
         */
        public static Behaviour answerLost() {
            return new Behaviour(Kind.ANSWER_LOST, 0, Map.of(), null, 0);
        }

        /** Reads the request and never answers; the connection is closed on {@link #heal()} or stop. */
        public static Behaviour hang() {
            return new Behaviour(Kind.HANG, 0, Map.of(), null, 0);
        }

        /** Served by the real OJS server (to exempt a path from an {@link #always} rule). */
        public static Behaviour healthy() {
            return new Behaviour(Kind.HEALTHY, 0, Map.of(), null, 0);
        }

        /** The same behaviour after a pause (a slow server); for {@link #healthy()} the real answer comes late. */
        public Behaviour delayed(Duration delay) {
            return new Behaviour(kind, status, headers, body, delay.toMillis());
        }

        private static Behaviour withRetryAfter(int status, String code, Duration retryAfter) {
            long seconds = Math.max(0, (retryAfter.toMillis() + 999) / 1000);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/openjobspec+json");
            h.put("Retry-After", Long.toString(seconds));
            return answer(status, h, error(code, Messages.SRV_0701 + ": injected " + status + " (HostileOjsServer)", true));
        }

        private static String error(String code, String message, boolean retryable) {
            return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"retryable\":" + retryable
                    + "}}";
        }

        @Override
        public String toString() {
            return kind == Kind.ANSWER ? "answer " + status : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A request as it arrived (header names as sent; body as UTF-8 text). */
    public record Received(String method, String path, String query, Map<String, String> headers, String body) {
        /** A header's value by case-insensitive name, or null. */
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private static final class Rule {
        final Behaviour behaviour;
        final AtomicInteger remaining; // negative: unlimited

        Rule(Behaviour behaviour, int times) {
            this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
            this.remaining = new AtomicInteger(times);
        }

        boolean take() {
            while (true) {
                int r = remaining.get();
                if (r < 0) {
                    return true;
                }
                if (r == 0) {
                    return false;
                }
                if (remaining.compareAndSet(r, r - 1)) {
                    return true;
                }
            }
        }
    }

    private final EmbeddedOjsServer real;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private volatile Rule global;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    private HostileOjsServer(EmbeddedOjsServer.Builder builder) {
        this.real = builder.intercept(this::wrap).start();
    }

    /** Starts on 127.0.0.1 and a free port, healthy until told otherwise. */
    public static HostileOjsServer start() {
        return new HostileOjsServer(EmbeddedOjsServer.builder());
    }

    /** Starts with the given options for the real server underneath (port, token, state, tick, ...). */
    public static HostileOjsServer start(EmbeddedOjsServer.Builder options) {
        return new HostileOjsServer(options);
    }

    public URI url() {
        return real.url();
    }

    public int port() {
        return real.port();
    }

    /** The real server that answers what no behaviour claims (its state, reset, ...). */
    public EmbeddedOjsServer server() {
        return real;
    }

    /** Every request to {@code path} (exact, or prefix ending in {@code *}) gets {@code behaviour} until changed. */
    public HostileOjsServer on(String path, Behaviour behaviour) {
        return on(path, -1, behaviour);
    }

    /** The next {@code times} requests to {@code path} get {@code behaviour}; then the path is healthy again. */
    public HostileOjsServer on(String path, int times, Behaviour behaviour) {
        rules.put(Objects.requireNonNull(path, "path"), new Rule(behaviour, times));
        return this;
    }

    /** Every request that no path rule claims gets {@code behaviour} until changed. */
    public HostileOjsServer always(Behaviour behaviour) {
        return always(-1, behaviour);
    }

    /** The next {@code times} requests that no path rule claims get {@code behaviour}. */
    public HostileOjsServer always(int times, Behaviour behaviour) {
        global = new Rule(behaviour, times);
        return this;
    }

    /** Drops every behaviour and closes hanging requests: from now on a healthy OJS server. */
    public HostileOjsServer heal() {
        rules.clear();
        global = null;
        CountDownLatch h = hanging;
        hanging = new CountDownLatch(1);
        h.countDown();
        return this;
    }

    /** Drops the behaviour of one path (as given to {@link #on}). */
    public HostileOjsServer heal(String path) {
        rules.remove(path);
        return this;
    }

    /** Requests received for this exact path, any method, whatever was answered. */
    public int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** All requests received. */
    public int count() {
        return received.size();
    }

    /** Every request received, in order. */
    public List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    /** The latest request, or null. */
    public Received last() {
        List<Received> all = received;
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Stops the real server too; hanging requests are released and every thread has ended on return. */
    public void stop() {
        hanging.countDown();
        real.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "HostileOjsServer[" + url() + ", " + rules.size() + " path rule(s)"
                + (global != null ? ", global " + global.behaviour : "") + "]";
    }

    // ------------------------------------------------------------------ serving

    private LoopbackHttpServer.Handler wrap(LoopbackHttpServer.Handler healthy) {
        return ex -> {
            record(ex);
            Rule rule = match(ex.rawPath());
            Behaviour b = rule == null ? null : rule.behaviour;
            if (b != null && b.delayMillis > 0 && !pause(b.delayMillis)) {
                ex.abort(false);
                return;
            }
            if (b == null || b.kind == Behaviour.Kind.HEALTHY) {
                healthy.handle(ex);
                return;
            }
            switch (b.kind) {
                case ANSWER -> {
                    b.headers.forEach(ex::responseHeader);
                    ex.respond(b.status, b.body == null ? null : b.body.getBytes(StandardCharsets.UTF_8));
                }
                case CUT_OFF -> {
                    byte[] whole = "{\"jobs\":[{\"id\":\"0193b3c1-5b4a-7c3e-9d2f-4a1b2c3d4e5f\",\"type\":\"x\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
                    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/openjobspec+json\r\nContent-Length: "
                            + whole.length + "\r\n\r\n";
                    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
                    byte[] raw = new byte[headBytes.length + whole.length / 2];
                    System.arraycopy(headBytes, 0, raw, 0, headBytes.length);
                    System.arraycopy(whole, 0, raw, headBytes.length, whole.length / 2);
                    ex.sendRawAndClose(raw);
                }
                case RESET -> ex.abort(true);
                case ANSWER_LOST -> {
                    ex.dropAnswer();
                    healthy.handle(ex);
                }
                case HANG -> {
                    try {
                        hanging.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.abort(false);
                }
                default -> throw new IllegalStateException(b.toString());
            }
        };
    }

    private Rule match(String path) {
        Rule exact = rules.get(path);
        if (exact != null && exact.take()) {
            return exact;
        }
        Rule best = null;
        int bestLength = -1;
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("*") && path.startsWith(key.substring(0, key.length() - 1))
                    && key.length() > bestLength && e.getValue().remaining.get() != 0) {
                best = e.getValue();
                bestLength = key.length();
            }
        }
        if (best != null && best.take()) {
            return best;
        }
        Rule g = global;
        return g != null && g.take() ? g : null;
    }

    private void record(Exchange ex) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String[] h : ex.headers().all()) {
            headers.merge(h[0], h[1], (a, b) -> a + ", " + b);
        }
        byte[] body = ex.body();
        received.add(new Received(ex.method(), ex.rawPath(), ex.rawQuery(), Collections.unmodifiableMap(headers),
                body == null ? null : new String(body, StandardCharsets.UTF_8)));
        counts.computeIfAbsent(ex.rawPath(), p -> new AtomicInteger()).incrementAndGet();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis); // stop interrupts it
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
