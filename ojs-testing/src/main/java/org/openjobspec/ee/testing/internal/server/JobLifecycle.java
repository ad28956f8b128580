package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rules of a job's 8-state lifecycle: enqueue with uniqueness, fetch with leases and rate limits, ack, fail
 * with retry or discard, dead letter, cancel, and the timers (promotion, TTL, execution timeout, lease expiry).
 * Guarded by the {@link ServerState} monitor.
 */
final class JobLifecycle {
    /** Outcome of a PUSH: the job and whether it was created (201) or an existing duplicate handed back (200). */
    record Push(StoredJob job, boolean created) {
    }

    private final JobStore store;
    private final EventLog events;
    long defaultVisibilityMs = ServerState.DEFAULT_VISIBILITY_MS;

    JobLifecycle(JobStore store, EventLog events) {
        this.store = store;
        this.events = events;
    }

    // ------------------------------------------------------------------ enqueue

    /** Refuses the whole batch when one element would be refused, before anything is created. */
    void checkBatch(List<PushRequest> requests, long now) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            PushRequest r = requests.get(i);
            if (r.id() != null && (store.get(r.id()) != null || !ids.add(r.id()))) {
                throw ApiException.batchElement(i, duplicateId(r.id()));
            }
            if (r.unique() != null && "reject".equals(r.unique().onConflict())) {
                String key = r.unique().fingerprint(r.type(), r.queue(), r.args(), r.meta());
                StoredJob existing = findUnique(r.unique(), key, now);
                if (existing != null) {
                    throw ApiException.batchElement(i, duplicateUnique(existing, key));
                }
            }
        }
    }

    Push push(PushRequest r, long now) {
        return push(r, now, null, -1, null);
    }

    Push push(PushRequest r, long now, String workflowId, int index, JsonArray parentResults) {
        String id = r.id();
        if (id != null && store.get(id) != null) {
            throw duplicateId(id);
        }
        String uniqueKey = null;
        if (r.unique() != null) {
            uniqueKey = r.unique().fingerprint(r.type(), r.queue(), r.args(), r.meta());
            StoredJob existing = findUnique(r.unique(), uniqueKey, now);
            if (existing != null) {
                switch (r.unique().onConflict()) {
                    case "ignore", "use_existing" -> {
                        return new Push(existing, false);
                    }
                    case "replace", "replace_except_schedule" -> cancel(existing, now, "replaced by a unique job");
                    default -> throw duplicateUnique(existing, uniqueKey);
                }
            }
        }
        StoredJob j = new StoredJob(id != null ? id : Ids.uuidV7(), store.nextSeq(), r, uniqueKey, now);
        j.workflowId = workflowId;
        j.workflowIndex = index;
        j.parentResults = parentResults;
        store.add(j, now);
        if (r.rateLimitPerSecond() != null) {
            store.queue(j.queue, now).ratePerSecond = r.rateLimitPerSecond();
        }
        if (j.scheduledAt != null && j.scheduledAt > now) {
            j.dueAt = j.scheduledAt;
            store.transition(j, JobState.SCHEDULED, now);
            events.record("job.scheduled", j, now, Json.obj().add("scheduled_at", Times.format(j.scheduledAt)));
        } else {
            store.transition(j, JobState.AVAILABLE, now);
        }
        events.record("job.enqueued", j, now, Json.obj());
        return new Push(j, true);
    }

    private StoredJob findUnique(ServerUniquePolicy policy, String key, long now) {
        List<StoredJob> list = store.uniqueIndex.get(key);
        if (list == null) {
            return null;
        }
        StoredJob found = null;
        for (Iterator<StoredJob> it = list.iterator(); it.hasNext(); ) {
            StoredJob j = it.next();
            if (store.get(j.id) != j) {
                it.remove();
                continue;
            }
            boolean inPeriod = policy.periodMs() == null || now < j.createdAt + policy.periodMs();
            if (inPeriod && policy.states().contains(j.state)) {
                found = j;
            }
        }
        if (list.isEmpty()) {
            store.uniqueIndex.remove(key);
        }
        return found;
    }

    private static ApiException duplicateId(String id) {
        return new ApiException(409, "duplicate", Messages.SRV_0201 + ": A job with id '" + id + "' already exists.",
                "Omit 'id' to let the server generate one, or treat this as an idempotent re-send.",
                Json.obj().add("existing_job_id", id).build());
    }

    private static ApiException duplicateUnique(StoredJob existing, String key) {
        return new ApiException(409, "duplicate",
                Messages.SRV_0202 + ": A job with the same unique key already exists.",
                "Use unique.on_conflict \"ignore\" to get the existing job back, or \"replace\" to supersede it.",
                Json.obj().add("existing_job_id", existing.id).add("existing_job_state", existing.state.wire())
                        .add("unique_key", key).build());
    }

    // ------------------------------------------------------------------ worker operations

    List<StoredJob> fetch(List<String> queueNames, int count, String workerId, Long visibilityMs, long now) {
        List<StoredJob> fetched = new ArrayList<>();
        for (String name : queueNames) {
            ServerQueue q = store.queues.get(name);
            if (q == null || q.paused) {
                continue;
            }
            while (fetched.size() < count && !q.ready.isEmpty() && q.rateAllows(now)) {
                StoredJob j = firstStartable(q);
                if (j == null) {
                    break;
                }
                if (j.expiresAt != null && j.expiresAt <= now) {
                    expire(j, now);
                    continue;
                }
                j.attempt++;
                j.startedAt = now;
                clearProgress(j); // a new attempt reports from 0 again
                j.workerId = workerId;
                j.leaseMs = visibilityMs != null ? visibilityMs
                        : j.visibilityTimeoutMs != null ? j.visibilityTimeoutMs : defaultVisibilityMs;
                j.visibleUntil = now + j.leaseMs;
                store.transition(j, JobState.ACTIVE, now);
                q.recordFetch(now);
                JsonObjectBuilder d = Json.obj().add("attempt", j.attempt);
                if (workerId != null) {
                    d.add("worker_id", workerId);
                }
                events.record("job.started", j, now, d);
                fetched.add(j);
            }
            if (fetched.size() >= count) {
                break;
            }
        }
        return fetched;
    }

    /**
     * The first ready job whose rate-limit key has a free slot. A job over its key's concurrency stays available and
     * waits, whatever its {@code on_limit} says; the extension's rate and throttle are not enforced.
     */
    private StoredJob firstStartable(ServerQueue q) {
        for (StoredJob j : q.ready) {
            if (store.hasSlot(j)) {
                return j;
            }
        }
        return null;
    }

    StoredJob find(String id) {
        return store.get(id);
    }

    StoredJob job(String id) {
        StoredJob j = store.get(id);
        if (j == null) {
            throw ApiException.notFound(Messages.SRV_0301, "job", id);
        }
        return j;
    }

    private StoredJob activeJob(String id, String operation) {
        StoredJob j = job(id);
        if (j.state != JobState.ACTIVE) {
            throw ApiException.conflict(Messages.SRV_0302, "Cannot " + operation + " job '" + id + "' in state '"
                            + j.state.wire() + "'; only active jobs can be " + operation + "ed.",
                    "Only the worker holding the job (state 'active') may " + operation
                            + " it. The job may have been cancelled, timed out or settled already.",
                    Json.obj().add("job_id", id).add("current_state", j.state.wire())
                            .add("expected_state", "active").build());
        }
        return j;
    }

    StoredJob ack(String id, JsonValue result, long now) {
        StoredJob j = activeJob(id, "ack");
        if (result != null) {
            j.result = result;
        }
        j.error = null;
        j.completedAt = now;
        j.progress = 1.0;
        j.progressAt = now;
        long duration = j.startedAt == null ? 0 : now - j.startedAt;
        store.transition(j, JobState.COMPLETED, now);
        JsonObjectBuilder d = Json.obj().add("attempt", j.attempt).add("duration_ms", duration);
        if (result != null) {
            d.add("result", result);
        }
        events.record("job.completed", j, now, d);
        return j;
    }

    /**
     * A progress report (progress extension): the value is clamped to 0..1; a value below the last one, and any
     * report for a job that is not active, is ignored without error. An applied report extends the lease like a
     * heartbeat and goes to the event log and the job's event streams.
     *
     * @return whether the report was applied
     */
    boolean progress(StoredJob j, double value, String message, JsonObject data, long now) {
        double clamped = Math.max(0.0, Math.min(1.0, value));
        if (j.state != JobState.ACTIVE || (j.progress != null && clamped < j.progress)) {
            return false;
        }
        j.progress = clamped;
        j.progressMessage = message;
        j.progressData = data;
        j.progressAt = now;
        j.visibleUntil = Math.max(j.visibleUntil, now + j.leaseMs);
        JsonObjectBuilder d = Json.obj().add("progress", clamped);
        if (message != null) {
            d.add("message", message);
        }
        events.record("job.progress", j, now, d);
        store.progressed(j, now);
        return true;
    }

    private static void clearProgress(StoredJob j) {
        j.progress = null;
        j.progressMessage = null;
        j.progressData = null;
        j.progressAt = null;
    }

    /** FAIL. {@code error} is the request's error object (may be null); requeue releases the job untouched. */
    StoredJob nack(String id, JsonObject error, boolean requeue, long now) {
        StoredJob j = activeJob(id, "nack");
        if (requeue) {
            // A release (e.g. worker shutdown) does not consume an attempt.
            j.attempt = Math.max(0, j.attempt - 1);
            j.workerId = null;
            j.enqueuedAt = now;
            store.transition(j, JobState.AVAILABLE, now);
            return j;
        }
        JsonObject rec = errorRecord(error, j.attempt, now);
        boolean nonRetryable = error != null && error.get("retryable") == JsonValue.FALSE;
        if (!nonRetryable) {
            List<String> names = new ArrayList<>();
            names.add(Json.stringOrNull(rec, "type"));
            names.add(Json.stringOrNull(rec, "code"));
            names.add(Json.stringOrNull(rec, "message"));
            if (rec.get("details") instanceof JsonObject det) {
                names.add(Json.stringOrNull(det, "error_class"));
            }
            nonRetryable = j.retry.isNonRetryable(names);
        }
        fail(j, rec, nonRetryable, now);
        return j;
    }

    private void fail(StoredJob j, JsonObject rec, boolean nonRetryable, long now) {
        j.error = rec;
        j.errors.add(rec);
        events.record("job.failed", j, now, Json.obj().add("attempt", j.attempt).add("error", rec));
        if (nonRetryable || j.attempt >= j.retry.maxAttempts()) {
            discard(j, now, true);
            return;
        }
        long delay = j.retry.backoffMillis(j.attempt);
        j.retryDelayMs = delay;
        j.dueAt = now + delay;
        j.workerId = null;
        store.transition(j, JobState.RETRYABLE, now);
        events.record("job.retrying", j, now, Json.obj().add("attempt", j.attempt).add("retry_delay_ms", delay)
                .add("next_attempt_at", Times.format(j.dueAt)));
    }

    private void discard(StoredJob j, long now, boolean toDeadLetterIfAsked) {
        j.completedAt = now;
        j.discardedAt = now;
        if (toDeadLetterIfAsked && j.retry.deadLetter()) {
            j.deadLettered = true;
            store.deadLetter.put(j.id, j);
        }
        store.transition(j, JobState.DISCARDED, now);
        JsonObjectBuilder d = Json.obj().add("total_attempts", j.attempt);
        if (j.error != null) {
            d.add("last_error", j.error);
        }
        events.record("job.discarded", j, now, d);
    }

    private static JsonObject errorRecord(JsonObject error, int attempt, long now) {
        JsonObject e = error == null ? JsonValue.EMPTY_JSON_OBJECT : error;
        String code = Json.stringOrNull(e, "code");
        if (code == null) {
            code = "handler_error";
        }
        String type = Json.stringOrNull(e, "type");
        if (type == null && e.get("details") instanceof JsonObject det) {
            type = Json.stringOrNull(det, "error_class");
        }
        if (type == null) {
            type = code;
        }
        String message = Json.stringOrNull(e, "message");
        JsonObjectBuilder b = Json.obj().add("code", code).add("type", type)
                .add("message", message == null ? "" : message);
        if (e.get("retryable") == JsonValue.TRUE || e.get("retryable") == JsonValue.FALSE) {
            b.add("retryable", e.get("retryable"));
        }
        if (e.get("details") instanceof JsonObject det) {
            b.add("details", det);
        }
        return b.add("attempt", attempt).add("occurred_at", Times.format(now)).build();
    }

    private static JsonObject serverError(String code, String message, int attempt, long now) {
        return Json.obj().add("code", code).add("type", code).add("message", message).add("retryable", true)
                .add("attempt", attempt).add("occurred_at", Times.format(now)).build();
    }

    // ------------------------------------------------------------------ cancel, queues, dead letter

    StoredJob cancel(String id, long now) {
        StoredJob j = job(id);
        if (j.state.terminal()) {
            throw ApiException.conflict(Messages.SRV_0303, "Cannot cancel job in state '" + j.state.wire() + "'.",
                    "Completed, cancelled and discarded jobs are final; nothing to cancel.",
                    Json.obj().add("job_id", id).add("current_state", j.state.wire()).build());
        }
        cancel(j, now, "cancelled by request");
        return j;
    }

    void cancel(StoredJob j, long now, String why) {
        j.cancelledAt = now;
        store.transition(j, JobState.CANCELLED, now);
        events.record("job.cancelled", j, now, Json.obj().add("reason", why));
    }

    void setPaused(String name, boolean paused, long now) {
        store.queue(name, now).paused = paused;
        events.record(paused ? "queue.paused" : "queue.resumed", null, now, Json.obj().add("queue", name));
    }

    List<StoredJob> deadLetter(String queueFilter) {
        List<StoredJob> matching = new ArrayList<>();
        for (StoredJob j : store.deadLetter.values()) {
            if (queueFilter == null || queueFilter.equals(j.queue)) {
                matching.add(j);
            }
        }
        return matching;
    }

    StoredJob retryDeadLetter(String id, long now) {
        StoredJob j = takeDeadLetter(id);
        j.deadLettered = false;
        j.attempt = 0;
        j.completedAt = null;
        j.discardedAt = null;
        j.error = null;
        j.workerId = null;
        j.retryDelayMs = null;
        j.enqueuedAt = now;
        store.transition(j, JobState.AVAILABLE, now);
        events.record("job.enqueued", j, now, Json.obj().add("reason", "dead_letter_retry"));
        return j;
    }

    void deleteDeadLetter(String id) {
        store.remove(takeDeadLetter(id));
    }

    private StoredJob takeDeadLetter(String id) {
        StoredJob j = store.deadLetter.remove(id);
        if (j == null) {
            throw ApiException.notFound(Messages.SRV_0401, "dead_letter_job", id);
        }
        return j;
    }

    // ------------------------------------------------------------------ timers

    /** Promotes due jobs, expires TTLs, enforces execution timeouts and leases. */
    void tick(long now) {
        while (!store.delayed.isEmpty() && store.delayed.first().dueAt <= now) {
            StoredJob j = store.delayed.first();
            j.enqueuedAt = now;
            store.transition(j, JobState.AVAILABLE, now);
        }
        while (!store.expiring.isEmpty() && store.expiring.first().expiresAt <= now) {
            expire(store.expiring.first(), now);
        }
        if (!store.active.isEmpty()) {
            for (StoredJob j : new ArrayList<>(store.active)) {
                if (j.timeoutMs != null && j.startedAt != null && now - j.startedAt >= j.timeoutMs) {
                    fail(j, serverError("timeout", "Job exceeded its execution timeout of " + j.timeoutMs + " ms.",
                            j.attempt, now), false, now);
                } else if (now >= j.visibleUntil) {
                    leaseExpired(j, now);
                }
            }
        }
    }

    private void expire(StoredJob j, long now) {
        if (j.state.terminal() || j.state == JobState.ACTIVE) {
            store.expiring.remove(j);
            return;
        }
        j.error = Json.obj().add("code", "expired").add("type", "expired")
                .add("message", "Job expired at " + Times.format(j.expiresAt) + " before it was started.")
                .add("attempt", j.attempt).add("occurred_at", Times.format(now)).build();
        events.record("job.expired", j, now, Json.obj().add("expires_at", Times.format(j.expiresAt)));
        discard(j, now, false);
    }

    /** Visibility timeout: the worker vanished or stalled; the job goes back to the queue (or is exhausted). */
    private void leaseExpired(StoredJob j, long now) {
        JsonObject rec = serverError("visibility_timeout", "Visibility timeout of " + j.leaseMs
                + " ms expired without ack, nack or heartbeat from worker '" + j.workerId + "'.", j.attempt, now);
        j.error = rec;
        j.errors.add(rec);
        if (j.attempt >= j.retry.maxAttempts()) {
            discard(j, now, true);
            return;
        }
        j.workerId = null;
        j.enqueuedAt = now;
        store.transition(j, JobState.AVAILABLE, now);
    }
}
