package org.openjobspec.ee.internal.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.model.WireJson;
import org.openjobspec.ee.rest.OjsJsonGuard;
import org.openjobspec.ee.rest.OjsMediaTypes;
import org.openjobspec.ee.rest.Uuid7;

/**
 * One server-sent-events stream with reconnects. Read with {@code java.net.http} rather than the REST
 * client's SSE support, so that reconnect, {@code retry:} and {@code Last-Event-ID} handling are ours and
 * the same on every runtime. Lines are pushed to us by the HTTP client; no thread blocks on the stream.
 */
final class SseSubscription implements EventSubscription {

    private static final Logger LOG = Logger.getLogger(SseSubscription.class.getName());
    private static final Duration MAX_RECONNECT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final Jsonb jsonb;
    private final Executor executor;
    private final Consumer<JobEvent> listener;
    private final Consumer<OjsException> onError;
    private final boolean endOnTerminal;

    private volatile boolean open = true;
    private volatile Flow.Subscription lines;
    private volatile CompletableFuture<?> exchange;
    private volatile String lastEventId;
    private volatile Duration reconnectDelay;
    private volatile boolean notAnEventStream;
    private int failures;

    SseSubscription(HttpClient http, URI uri, Map<String, String> headers, Jsonb jsonb, Executor executor,
                    Duration reconnectDelay, Consumer<JobEvent> listener, Consumer<OjsException> onError,
                    boolean endOnTerminal) {
        this.http = http;
        this.uri = uri;
        this.headers = headers;
        this.jsonb = jsonb;
        this.executor = executor;
        this.reconnectDelay = reconnectDelay;
        this.listener = listener;
        this.onError = onError;
        this.endOnTerminal = endOnTerminal;
    }

    void connect() {
        if (!open) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header(OjsMediaTypes.HEADER_VERSION, OjsMediaTypes.SPEC_VERSION)
                .header(OjsMediaTypes.HEADER_REQUEST_ID, "req_" + Uuid7.next());
        headers.forEach(request::header);
        String last = lastEventId;
        if (last != null) {
            request.header("Last-Event-ID", last);
        }
        // keep the exchange itself, not a stage depending on it: only cancelling the exchange closes the connection
        CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request.build(), this::bodyHandler);
        exchange = sent;
        sent.whenComplete(this::ended);
    }

    private HttpResponse.BodySubscriber<Void> bodyHandler(HttpResponse.ResponseInfo info) {
        if (info.statusCode() == 200) {
            String contentType = info.headers().firstValue("Content-Type").orElse("none");
            if (contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
            }
            notAnEventStream = true;
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.discarding(), nothing -> {
                throw OjsErrors.malformed(uri + " answered Content-Type " + contentType
                        + " instead of text/event-stream", null);
            });
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                body -> {
                    String requestId = info.headers().firstValue(OjsMediaTypes.HEADER_REQUEST_ID).orElse(null);
                    String retryAfter = info.headers().firstValue("Retry-After").orElse(null);
                    throw OjsErrors.fromResponse(info.statusCode(), body, requestId, retryAfter);
                });
    }

    private void ended(HttpResponse<Void> response, Throwable failure) {
        if (!open) {
            return;
        }
        if (failure != null) {
            OjsException error = OjsErrors.translate(unwrap(failure));
            // 404 for an unknown job or a server without streams, 401/403, not an event stream at all:
            // reconnecting cannot help; closed before reporting, so listeners see isOpen() == false
            boolean hopeless = notAnEventStream || (!error.isRetryable() && error.httpStatus() >= 400);
            if (hopeless) {
                close();
            }
            report(error);
            if (hopeless) {
                return;
            }
            failures++;
        } else {
            failures = 0;
        }
        Duration delay = backoff();
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor).execute(this::connect);
    }

    private Duration backoff() {
        Duration delay = reconnectDelay;
        for (int i = 1; i < failures && delay.compareTo(MAX_RECONNECT) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RECONNECT) > 0 ? MAX_RECONNECT : delay;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void report(OjsException error) {
        LOG.log(Level.FINE, "OJS event stream " + uri + ": " + error.getMessage());
        try {
            onError.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OJS event error listener failed", e);
        }
    }

    @Override
    public void close() {
        open = false;
        // exchange first: cancelling only the line subscription leaves the JDK client counting the exchange as
        // pending, so its selector thread would never end (seen on Java 17)
        CompletableFuture<?> current = exchange;
        if (current != null) {
            current.cancel(true);
        }
        Flow.Subscription subscription = lines;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Parses {@code text/event-stream} framing: id, event, data, retry, comments, blank-line dispatch. */
    private final class Lines implements Flow.Subscriber<String> {
        private final StringBuilder data = new StringBuilder();
        private String eventName;
        private String eventId;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            lines = subscription;
            if (!open) {
                subscription.cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data.append(data.length() == 0 ? "" : "\n").append(value);
                case "event" -> eventName = value;
                case "id" -> eventId = value;
                case "retry" -> {
                    try {
                        reconnectDelay = Duration.ofMillis(Math.max(100, Long.parseLong(value.trim())));
                    } catch (NumberFormatException ignored) {
                        // the spec says to ignore a non-numeric retry field
                    }
                }
                default -> {
                    // unknown fields are ignored per the SSE spec
                }
            }
        }

        private void dispatch() {
            if (data.length() == 0) {
                eventName = null;
                return;
            }
            String payload = data.toString();
            data.setLength(0);
            String id = eventId;
            if (id != null) {
                lastEventId = id;
            }
            String name = eventName;
            eventName = null;
            JobEvent event;
            try {
                OjsJsonGuard.requireWellFormed(payload);
                event = jsonb.fromJson(payload, JobEvent.class);
                if (event == null) {
                    throw new IllegalArgumentException("empty event");
                }
                JsonObject data;
                try (JsonReader reader = WireJson.provider().createReader(new StringReader(payload))) {
                    data = reader.readObject();
                }
                event = new JobEvent(id, event.event() == null ? name : event.event(), event.jobId(), event.queue(),
                        event.type(), event.from(), event.to(), event.progress(), event.message(), event.timestamp(),
                        data);
            } catch (RuntimeException e) {
                report(OjsErrors.malformed("event data is not a job event: " + e.getMessage(), e));
                return;
            }
            if (!open) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "OJS event listener failed on " + event.event(), e);
            }
            if (endOnTerminal && event.isTerminal()) {
                close();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // reported through the exchange's completion
        }

        @Override
        public void onComplete() {
            dispatch();
        }
    }
}
