package org.openjobspec.ee.testing;

import org.openjobspec.ee.testing.internal.Messages;
import org.openjobspec.ee.testing.internal.server.HttpApi;
import org.openjobspec.ee.testing.internal.server.LoopbackHttpServer;
import org.openjobspec.ee.testing.internal.server.ServerState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory OJS server speaking the HTTP binding of the Open Job Spec, for tests, examples and benchmarks.
 * It listens on 127.0.0.1 only.
 * <pre>{@code
 * try (EmbeddedOjsServer ojs = EmbeddedOjsServer.start()) {
 *     URI url = ojs.url();           // http://127.0.0.1:43127
 *     ...
 * }
 * }</pre>
 * The state (jobs, queues, crons, workflows, workers) lives in an {@link OjsState} separate from the HTTP
 * listener, so a test can simulate an outage and a restart with the data intact:
 * <pre>{@code
 * int port = ojs.port();
 * OjsState state = ojs.state();
 * ojs.stop();                                   // port closed, all threads gone
 * ... 10 s later ...
 * ojs = EmbeddedOjsServer.builder().port(port).state(state).start();
 * }</pre>
 * While stopped, no timers run; on restart overdue retries, leases and cron runs are processed at once.
 */
public final class EmbeddedOjsServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedOjsServer.class.getName());
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final OjsState state;
    private final ServerState engine;
    private final LoopbackHttpServer http;
    private final ScheduledExecutorService timer;
    private final URI url;
    private final HttpApi api;
    private final String authToken;
    private volatile boolean stopped;

    private EmbeddedOjsServer(Builder b) {
        this.state = b.state != null ? b.state : new OjsState();
        this.engine = state.engine();
        this.authToken = b.authToken;
        if (b.defaultVisibilityMs != null) {
            engine.defaultVisibilityTimeout(b.defaultVisibilityMs);
        }
        int id = SERVERS.incrementAndGet();
        api = new HttpApi(engine, b.authToken, b.sseHeartbeat.toMillis(), () -> stopped);
        try {
            // Our own small HTTP/1.1 server rather than the JDK's: a thread per connection serves its requests
            // without handoffs, about 3x the fetch+ack rate (see LoopbackHttpServer).
            http = new LoopbackHttpServer(b.port, b.intercept.apply(api), b.maxThreads, HttpApi.MAX_BODY, b.idleTimeoutMs,
                    "ojs-server-" + id + "-http-");
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.SRV_0801 + ": cannot listen on 127.0.0.1:" + b.port
                    + " (" + e.getMessage() + "); pick another port or 0 for a free one", e);
        }
        url = URI.create("http://127.0.0.1:" + http.port());
        api.baseUrl(url.toString());
        timer = Executors.newSingleThreadScheduledExecutor(named("ojs-server-" + id + "-timer-"));
        long tick = b.tick.toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.DEBUG, "OJS server listening on {0}", url);
    }

    private void tick() {
        try {
            engine.tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, Messages.SRV_0802 + ": timer tick failed", e);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts a server on 127.0.0.1 and a free port, with a fresh state and no authentication. */
    public static EmbeddedOjsServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL without trailing slash, e.g. {@code http://127.0.0.1:43127}. */
    public URI url() {
        return url;
    }

    /** The bearer token the server requires, or null when it requires none. */
    public String authToken() {
        return authToken;
    }

    public int port() {
        return url.getPort();
    }

    /** The in-memory state; hand it to a new server on the same port to simulate a restart. */
    public OjsState state() {
        return state;
    }

    /** Drops all jobs, queues, crons, workflows and workers (for use between tests). */
    public void reset() {
        state.reset();
    }

    public boolean isRunning() {
        return !stopped;
    }

    /** Closes the port, ends SSE streams and waits until every thread of this server has finished. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.shutdownNow();
        engine.closeStreams();
        long deadline = System.currentTimeMillis() + 1000;
        // SSE handlers see the stop flag within one poll and finish their chunked responses cleanly
        while (api.openStreams() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.DEBUG, "OJS server on {0} stopped", url);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedOjsServer[" + url + (stopped ? ", stopped" : "") + "]";
    }

    /** Options for {@link EmbeddedOjsServer}. */
    public static final class Builder {
        private int port;
        private String authToken;
        private OjsState state;
        private Duration tick = Duration.ofMillis(50);
        private Duration sseHeartbeat = Duration.ofSeconds(15);
        private int maxThreads = 256;
        private int idleTimeoutMs = 60_000;
        private Long defaultVisibilityMs;
        private java.util.function.UnaryOperator<LoopbackHttpServer.Handler> intercept = h -> h;

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(Messages.SRV_0803 + ": port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Require {@code Authorization: Bearer <token>} on every endpoint except health. Off when null. */
        public Builder authToken(String token) {
            this.authToken = token == null || token.isBlank() ? null : token;
            return this;
        }

        /** Serve an existing state (e.g. of a stopped server) instead of a fresh one. */
        public Builder state(OjsState state) {
            this.state = state;
            return this;
        }

        /** How often timers run (scheduled/retry promotion, leases, timeouts, TTL, cron). Default 50 ms. */
        public Builder tick(Duration tick) {
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException(Messages.SRV_0804 + ": tick must be positive");
            }
            this.tick = tick;
            return this;
        }

        /** Interval of {@code :heartbeat} comments on SSE streams. Default 15 s, as the spec requires. */
        public Builder sseHeartbeat(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(Messages.SRV_0805 + ": sseHeartbeat must be positive");
            }
            this.sseHeartbeat = interval;
            return this;
        }

        /**
         * Upper bound of HTTP threads: each open connection holds one while it lives. When all are taken, the
         * connection idle the longest is closed for a new one. Default 256.
         */
        public Builder maxThreads(int max) {
            this.maxThreads = Math.max(4, max);
            return this;
        }

        /**
         * Lease of a fetched job when neither the fetch nor the job sets {@code visibility_timeout_ms}.
         * Default 1800 s, the worker protocol's default (the HTTP binding says 30 s; the conformance cases
         * need the longer one).
         */
        public Builder defaultVisibilityTimeout(Duration lease) {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException(Messages.SRV_0807 + ": default visibility timeout must be positive");
            }
            this.defaultVisibilityMs = lease.toMillis();
            return this;
        }

        /** How long a keep-alive connection may wait for its next request before the server closes it. Default 60 s. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(Messages.SRV_0806 + ": idleTimeout must be positive");
            }
            this.idleTimeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            return this;
        }

        /** Puts a handler in front of the OJS API (for {@link HostileOjsServer}). */
        Builder intercept(java.util.function.UnaryOperator<LoopbackHttpServer.Handler> wrapper) {
            this.intercept = wrapper;
            return this;
        }

        public EmbeddedOjsServer start() {
            return new EmbeddedOjsServer(this);
        }
    }
}
