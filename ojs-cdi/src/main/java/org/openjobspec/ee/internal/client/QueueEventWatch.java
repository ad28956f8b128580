package org.openjobspec.ee.internal.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.rest.OjsRestConfig;

/**
 * Watches the event streams of some queues ({@code GET /ojs/v1/queues/{name}/events}) and calls back whenever a
 * job may have become available there, so that a worker can fetch at once instead of at its next poll.
 *
 * <p>Every callback, line parsing and reconnect runs on the given executor; no task blocks on a stream. Streams
 * reconnect with backoff. When the server shows it has no such streams (404, 405, 401/403, or an answer that is
 * not {@code text/event-stream}), every stream of the watch closes and {@code onUnsupported} is called once.
 */
public final class QueueEventWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QueueEventWatch.class.getName());
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final List<SseSubscription> streams = new ArrayList<>();
    private final AtomicBoolean gaveUp = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<OjsException> onUnsupported;
    private final Jsonb jsonb;
    private HttpClient http;

    private QueueEventWatch(Consumer<OjsException> onUnsupported) {
        this.onUnsupported = onUnsupported;
        this.jsonb = JsonbBuilder.create();
    }

    /**
     * Opens one stream per queue against the server of {@code config}.
     *
     * @param onActivity    called for every event that may have made a job available (enqueued, retried, released,
     *                      or an event of an unknown kind); cheap and non-blocking, it may run often
     * @param onUnsupported called at most once, with the answer that showed the server has no queue streams
     */
    public static QueueEventWatch open(OjsRestConfig config, List<String> queues, Executor executor,
                                       Runnable onActivity, Consumer<OjsException> onUnsupported) {
        QueueEventWatch watch = new QueueEventWatch(onUnsupported);
        HttpClient.Builder builder = HttpClient.newBuilder().executor(executor);
        if (config.connectTimeout() != null) {
            builder.connectTimeout(config.connectTimeout());
        }
        // the same trust as the REST client, which takes the stores themselves
        TlsStores.sslContext(config.sslContext(), config.trustStore(), config.keyStore(),
                config.keyStorePassword()).ifPresent(builder::sslContext);
        watch.http = builder.build();
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.authToken() != null) {
            headers.put("Authorization", "Bearer " + config.authToken());
        }
        String base = config.baseUri().toString().replaceAll("/+$", "");
        Consumer<JobEvent> listener = event -> {
            if (mayMakeWorkAvailable(event)) {
                onActivity.run();
            }
        };
        synchronized (watch) {
            for (String queue : queues) {
                URI uri = URI.create(base + "/ojs/v1/queues/" + encode(queue) + "/events");
                SseSubscription stream = new SseSubscription(watch.http, uri, headers, watch.jsonb, executor,
                        RECONNECT, listener, watch::failed, false);
                watch.streams.add(stream);
            }
            watch.streams.forEach(SseSubscription::connect);
        }
        return watch;
    }

    /** Only a change into {@code available} lets a fetch find a job; unknown events wake too, to be safe. */
    static boolean mayMakeWorkAvailable(JobEvent event) {
        return event.to() == null || "available".equals(event.to());
    }

    private void failed(OjsException error) {
        // a stream that failed for good closed itself before reporting; such an answer (404, 405, not an event
        // stream) speaks for the server, not the queue; anything else is transient and the stream reconnects
        if (closed.get() || streamsStillOpen() || !gaveUp.compareAndSet(false, true)) {
            return;
        }
        close();
        try {
            onUnsupported.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OJS queue event watch: callback failed", e);
        }
    }

    private synchronized boolean streamsStillOpen() {
        return streams.stream().allMatch(SseSubscription::isOpen);
    }

    /** True once the server showed it has no queue event streams. */
    public boolean gaveUp() {
        return gaveUp.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            streams.forEach(SseSubscription::close);
            streams.clear();
            HttpClient client = http;
            http = null;
            // Java 21+ can shut the client's selector thread down now; on 17 it ends once the client is unreachable
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the event stream HTTP client failed", e);
                }
            }
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B failed", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
