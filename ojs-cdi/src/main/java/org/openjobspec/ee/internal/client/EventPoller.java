package org.openjobspec.ee.internal.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.EventFilter;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.EventPage;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.model.Rfc3339;
import org.openjobspec.ee.rest.OjsApi;

import static org.openjobspec.ee.internal.Messages.CLI_0055;
import static org.openjobspec.ee.internal.Messages.CLI_0057;

/**
 * Follows every event of the server through event polling ({@code GET /ojs/v1/events?after=<cursor>}).
 *
 * <p>One step runs at a time, on the client's executor: a poll, the delivery of its page in order, then the next
 * step is scheduled (at once while the server has more, else after the poll interval, or after a growing backoff
 * while polls fail). Between steps no thread is held. The cursor moves past an event only once it was delivered, and
 * is sent with every poll, so across polls, failures and a server that comes back no event is delivered twice or
 * skipped, as far as the server keeps its events.
 */
final class EventPoller implements EventSubscription {

    private static final Logger LOG = Logger.getLogger(EventPoller.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int PAGE = 100;
    /** Catching up to "now" only moves the cursor: the largest page the spec allows. */
    private static final int CATCH_UP_PAGE = 1000;
    /**
     * The state an event type says a job moved to; the CloudEvents-style envelope carries no from/to. Not
     * {@code job.enqueued}: a job enqueued for later is {@code scheduled}, not {@code available}.
     */
    private static final Map<String, String> STATE_OF = Map.of(
            "job.scheduled", "scheduled", "job.started", "active", "job.completed", "completed",
            "job.retrying", "retryable", "job.discarded", "discarded", "job.cancelled", "cancelled");

    private final OjsApi api;
    private final String server;
    private final Executor executor;
    private final String types;
    private final String queues;
    private final String jobTypes;
    private final Duration interval;
    private final Consumer<JobEvent> listener;
    private final Consumer<OjsException> onError;

    private volatile boolean open = true;
    private volatile CompletableFuture<Void> next;
    // touched by one step at a time only; each step happens-before the next through the executor hand-over
    private String cursor;
    private boolean positioned;
    private int failures;

    EventPoller(OjsApi api, String server, Executor executor, EventFilter filter, Consumer<JobEvent> listener,
                Consumer<OjsException> onError) {
        this.api = api;
        this.server = server;
        this.executor = executor;
        this.types = csv(filter.types());
        this.queues = csv(filter.queues());
        this.jobTypes = csv(filter.jobTypes());
        this.interval = filter.pollInterval();
        this.listener = listener;
        this.onError = onError;
        this.cursor = filter.after();
        this.positioned = filter.after() != null;
    }

    /**
     * Starts following. Without a starting event, first finds where "now" is, on the caller's thread, so that every
     * event after this call returns is delivered; a failure there is reported on the executor and, if the server may
     * come back, the position is taken when it does.
     */
    void start() {
        if (positioned) {
            schedule(Duration.ZERO);
            return;
        }
        try {
            catchUp();
            schedule(interval);
        } catch (RuntimeException e) {
            OjsException error = OjsErrors.translate(e);
            schedule(Duration.ZERO, () -> failed(error));
        }
    }

    private void step() {
        if (!open) {
            return;
        }
        try {
            if (!positioned) {
                catchUp();
                failures = 0;
                schedule(interval);
                return;
            }
            EventPage page = api.pollEvents(cursor, types, queues, jobTypes, PAGE);
            failures = 0;
            deliver(page);
            schedule(page.more() && !page.events().isEmpty() ? Duration.ZERO : interval);
        } catch (RuntimeException e) {
            failed(OjsErrors.translate(e));
        }
    }

    /** Moves the cursor to the newest event without delivering anything. */
    private void catchUp() {
        String at = cursor;
        while (open) {
            EventPage page = api.pollEvents(at, types, queues, jobTypes, CATCH_UP_PAGE);
            String moved = after(page, at);
            boolean progressed = moved != null && !moved.equals(at);
            at = moved;
            if (!page.more() || !progressed) {
                break;
            }
        }
        cursor = at;
        positioned = true;
    }

    private void deliver(EventPage page) {
        for (JsonObject raw : page.events()) {
            if (!open) {
                return;
            }
            JobEvent event = event(raw);
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, CLI_0057 + ": the event listener failed on " + event.event() + " "
                        + event.eventId() + "; the subscription goes on", e);
            }
            if (event.eventId() != null) {
                cursor = event.eventId();
            }
        }
        if (open && page.cursor() != null) {
            cursor = page.cursor();
        }
    }

    /** The cursor after {@code page}: the server's, else the last event's id, else unchanged. */
    private static String after(EventPage page, String current) {
        if (page.cursor() != null) {
            return page.cursor();
        }
        List<JsonObject> events = page.events();
        String last = events.isEmpty() ? null : text(events.get(events.size() - 1), "id");
        return last != null ? last : current;
    }

    private void failed(OjsException error) {
        if (!open) {
            return;
        }
        if (error.httpStatus() == 404 || error.httpStatus() == 405) {
            close();
            report(new OjsException(ErrorInfo.client(CLI_0055.id(), CLI_0055 + ": the OJS server at " + server
                    + " has no event polling endpoint (GET /ojs/v1/events answered HTTP " + error.httpStatus()
                    + "); subscribe(...) needs it; subscribeJob and subscribeQueue use the SSE streams instead",
                    false), error));
            return;
        }
        // refused for good (401/403, a filter the server rejects): polling again cannot help
        if (!error.isRetryable() && error.httpStatus() >= 400) {
            close();
            report(error);
            return;
        }
        failures++;
        report(error);
        schedule(backoff());
    }

    private Duration backoff() {
        Duration delay = interval.isZero() ? Duration.ofMillis(100) : interval;
        for (int i = 1; i < failures && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void report(OjsException error) {
        LOG.log(Level.FINE, "OJS event polling at " + server + ": " + error.getMessage());
        try {
            onError.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OJS event error listener failed", e);
        }
    }

    private void schedule(Duration delay) {
        schedule(delay, this::step);
    }

    private void schedule(Duration delay, Runnable task) {
        if (!open) {
            return;
        }
        Executor when = delay.isZero() ? executor
                : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor);
        try {
            next = CompletableFuture.runAsync(task, when);
        } catch (RejectedExecutionException e) {
            // the executor is shutting down with the application or the client: nothing left to follow for
            close();
        }
    }

    @Override
    public void close() {
        open = false;
        CompletableFuture<Void> pending = next;
        if (pending != null) {
            // a step not yet started never runs; one in flight delivers nothing more
            pending.cancel(false);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** A polled CloudEvents-style envelope as a {@link JobEvent}; unknown or missing fields read as null. */
    static JobEvent event(JsonObject raw) {
        JsonObject data = raw.get("data") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
        String type = text(raw, "type");
        String jobId = text(data, "job_id");
        String to = text(data, "to");
        Instant time;
        try {
            time = Rfc3339.parse(text(raw, "time"));
        } catch (RuntimeException unreadable) {
            time = null;
        }
        return new JobEvent(text(raw, "id"), type, jobId != null ? jobId : text(raw, "subject"), text(data, "queue"),
                text(data, "job_type"), text(data, "from"), to != null ? to : STATE_OF.get(type), data.get("progress"),
                text(data, "message"), time, data);
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String csv(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
