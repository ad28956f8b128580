package org.openjobspec.ee.testing.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole in-memory OJS server state and its rules: jobs and their 8-state lifecycle, per-queue ready sets,
 * retries, dead letter, uniqueness, cron, workflows, workers and events. It holds no threads and no sockets,
 * so it can outlive an HTTP listener (stop the server, start a new one on the same port with the same state).
 * <p>
 * Every public method takes the one monitor of this object; critical sections are short and no method scans
 * all jobs on the fetch/ack path. Time comes from the caller's clock ({@link System#currentTimeMillis()}).
 */
public final class OjsState {
    /**
     * Lease of a fetched job when neither the fetch nor the job names one: the worker protocol's 1800 s
     * (ojs-worker-protocol §5.2), not the HTTP binding's 30 s. The two specs disagree; the conformance case
     * L2-CRON-005 decides, since it expects a job fetched 65 s earlier without heartbeats to be still active.
     */
    public static final long DEFAULT_VISIBILITY_MS = 1_800_000;
    private static final int EVENT_LOG_CAP = 10_000;

    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, QueueInfo> queues = new TreeMap<>();
    private final TreeSet<Job> delayed =
            new TreeSet<>(Comparator.<Job>comparingLong(j -> j.dueAt).thenComparingLong(j -> j.seq));
    private final TreeSet<Job> expiring =
            new TreeSet<>(Comparator.<Job>comparingLong(j -> j.expiresAt).thenComparingLong(j -> j.seq));
    private final Set<Job> active = new LinkedHashSet<>();
    private final Map<String, List<Job>> uniqueIndex = new HashMap<>();
    private final Map<String, Job> deadLetter = new LinkedHashMap<>();
    private final Map<String, WorkerInfo> workers = new TreeMap<>();
    private final Map<String, CronJob> crons = new LinkedHashMap<>();
    private final Map<String, Workflow> workflows = new HashMap<>();
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final ArrayDeque<Retained> retention = new ArrayDeque<>();
    private final Map<String, Set<SseSink>> jobStreams = new HashMap<>();
    private final Map<String, Set<SseSink>> queueStreams = new HashMap<>();
    private long seq;
    private long eventSeq;
    private long retentionMs = 3_600_000;
    private int retentionCap = 100_000;
    private long defaultVisibilityMs = DEFAULT_VISIBILITY_MS;

    private record Retained(Job job, long at) {
    }

    private record Event(long seq, String id, String type, long time, String jobId, String queue, String jobType,
                         JsonObject data) {
        JsonObject toJson() {
            JsonObjectBuilder b = Json.obj().add("specversion", "1.0").add("id", id).add("type", type)
                    .add("source", "ojs://ojs-ee-embedded/server").add("time", Times.format(time));
            if (jobId != null) {
                b.add("subject", jobId);
            }
            return b.add("datacontenttype", "application/json").add("data", data).build();
        }
    }

    static final class WorkerInfo {
        final String id;
        String reportedState = "running";
        String directive = "continue";
        long lastSeen;

        WorkerInfo(String id) {
            this.id = id;
        }
    }

    /** Keep terminal jobs this long and at most this many (oldest go first); dead-lettered jobs stay. */
    public synchronized void retention(long millis, int cap) {
        this.retentionMs = millis;
        this.retentionCap = cap;
    }

    /** Lease for fetches where neither the request nor the job sets {@code visibility_timeout_ms}. */
    public synchronized void defaultVisibilityTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("OJS-SRV-0807: default visibility timeout must be positive");
        }
        this.defaultVisibilityMs = millis;
    }

    /** Drops all jobs, queues, crons, workflows, workers and events; open SSE streams are closed. */
    public synchronized void reset() {
        jobs.clear();
        queues.clear();
        delayed.clear();
        expiring.clear();
        active.clear();
        uniqueIndex.clear();
        deadLetter.clear();
        workers.clear();
        crons.clear();
        workflows.clear();
        events.clear();
        retention.clear();
        closeStreams();
    }

    /** Ends every open SSE stream (server stop). */
    public synchronized void closeStreams() {
        jobStreams.values().forEach(s -> s.forEach(SseSink::close));
        queueStreams.values().forEach(s -> s.forEach(SseSink::close));
        jobStreams.clear();
        queueStreams.clear();
    }

    // ------------------------------------------------------------------ enqueue

    /** Outcome of a PUSH: the job and whether it was newly created (201) or an existing duplicate (200). */
    public record Pushed(JsonObject job, String id, boolean created) {
    }

    public synchronized Pushed enqueue(EnqueueRequest r, long now) {
        Job j = push(r, now, null, -1, null);
        return new Pushed(j.toJson(), j.id, !lastPushWasExisting);
    }

    /** Set by {@link #push} when unique "ignore" handed back an existing job instead of creating one. */
    private boolean lastPushWasExisting;

    /** Validates every element first; if one is refused, nothing is created. */
    public synchronized JsonObject enqueueBatch(List<EnqueueRequest> requests, long now) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            EnqueueRequest r = requests.get(i);
            if (r.id() != null && (jobs.containsKey(r.id()) || !ids.add(r.id()))) {
                throw batchError(i, duplicateId(r.id()));
            }
            if (r.unique() != null && "reject".equals(r.unique().onConflict())) {
                Job existing = findUnique(r.unique(), r.unique().fingerprint(r.type(), r.queue(), r.args(),
                        r.meta()), now);
                if (existing != null) {
                    throw batchError(i, duplicateUnique(existing, r.unique().fingerprint(r.type(), r.queue(),
                            r.args(), r.meta())));
                }
            }
        }
        JsonArrayBuilder out = Json.arr();
        for (EnqueueRequest r : requests) {
            out.add(push(r, now, null, -1, null).toJson());
        }
        return Json.obj().add("jobs", out).add("count", requests.size()).build();
    }

    private static ApiException batchError(int index, ApiException e) {
        JsonObjectBuilder d = Json.obj().add("index", index);
        if (e.details() != null) {
            e.details().forEach(d::add);
        }
        return new ApiException(e.status(), e.code(), e.type(), "OJS-SRV-0203: Batch validation failed: job at index " + index
                + " - " + e.getMessage(), e.hint(), d.build(), false);
    }

    private Job push(EnqueueRequest r, long now, String workflowId, int index, JsonArray parentResults) {
        lastPushWasExisting = false;
        String id = r.id();
        if (id != null && jobs.containsKey(id)) {
            throw duplicateId(id);
        }
        String uniqueKey = null;
        if (r.unique() != null) {
            uniqueKey = r.unique().fingerprint(r.type(), r.queue(), r.args(), r.meta());
            Job existing = findUnique(r.unique(), uniqueKey, now);
            if (existing != null) {
                switch (r.unique().onConflict()) {
                    case "ignore", "use_existing" -> {
                        lastPushWasExisting = true;
                        return existing;
                    }
                    case "replace", "replace_except_schedule" -> cancel(existing, now, "replaced by a unique job");
                    default -> throw duplicateUnique(existing, uniqueKey);
                }
            }
        }
        Job j = new Job(id != null ? id : Ids.uuidV7(), seq++, r, uniqueKey, now);
        j.workflowId = workflowId;
        j.workflowIndex = index;
        j.parentResults = parentResults;
        jobs.put(j.id, j);
        QueueInfo q = queue(j.queue, now);
        if (r.rateLimitPerSecond() != null) {
            q.ratePerSecond = r.rateLimitPerSecond();
        }
        if (uniqueKey != null) {
            uniqueIndex.computeIfAbsent(uniqueKey, k -> new ArrayList<>()).add(j);
        }
        if (j.expiresAt != null) {
            expiring.add(j);
        }
        if (j.scheduledAt != null && j.scheduledAt > now) {
            j.dueAt = j.scheduledAt;
            transition(j, JobState.SCHEDULED, now);
            event("job.scheduled", j, now, Json.obj().add("scheduled_at", Times.format(j.scheduledAt)));
        } else {
            transition(j, JobState.AVAILABLE, now);
        }
        event("job.enqueued", j, now, Json.obj());
        return j;
    }

    private Job findUnique(UniquePolicy policy, String key, long now) {
        List<Job> list = uniqueIndex.get(key);
        if (list == null) {
            return null;
        }
        Job found = null;
        for (Iterator<Job> it = list.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (jobs.get(j.id) != j) {
                it.remove();
                continue;
            }
            boolean inPeriod = policy.periodMs() == null || now < j.createdAt + policy.periodMs();
            if (inPeriod && policy.states().contains(j.state)) {
                found = j;
            }
        }
        if (list.isEmpty()) {
            uniqueIndex.remove(key);
        }
        return found;
    }

    private static ApiException duplicateId(String id) {
        return new ApiException(409, "duplicate", "OJS-SRV-0201: A job with id '" + id + "' already exists.",
                "Omit 'id' to let the server generate one, or treat this as an idempotent re-send.",
                Json.obj().add("existing_job_id", id).build());
    }

    private static ApiException duplicateUnique(Job existing, String key) {
        return new ApiException(409, "duplicate", "OJS-SRV-0202: A job with the same unique key already exists.",
                "Use unique.on_conflict \"ignore\" to get the existing job back, or \"replace\" to supersede it.",
                Json.obj().add("existing_job_id", existing.id).add("existing_job_state", existing.state.wire())
                        .add("unique_key", key).build());
    }

    private QueueInfo queue(String name, long now) {
        return queues.computeIfAbsent(name, n -> new QueueInfo(n, now));
    }

    // ------------------------------------------------------------------ state transitions

    /** The single place where a job changes state: keeps indices, counters and streams in step. */
    private void transition(Job j, JobState to, long now) {
        JobState from = j.state;
        QueueInfo q = queue(j.queue, now);
        if (from != null) {
            q.counts[from.ordinal()]--;
            switch (from) {
                case AVAILABLE -> q.ready.remove(j);
                case SCHEDULED, RETRYABLE -> delayed.remove(j);
                case ACTIVE -> active.remove(j);
                default -> {
                }
            }
        }
        j.state = to;
        q.counts[to.ordinal()]++;
        switch (to) {
            case AVAILABLE -> q.ready.add(j);
            case SCHEDULED, RETRYABLE -> delayed.add(j);
            case ACTIVE -> {
                active.add(j);
                if (j.expiresAt != null) {
                    expiring.remove(j); // a started job is no longer subject to its TTL
                }
            }
            default -> {
            }
        }
        if (to.terminal()) {
            if (j.expiresAt != null) {
                expiring.remove(j);
            }
            if (to == JobState.COMPLETED) {
                q.completedTotal++;
            }
            if (!j.deadLettered) {
                retention.addLast(new Retained(j, now));
            }
        }
        if (!jobStreams.isEmpty() || !queueStreams.isEmpty()) {
            publishStateChange(j, from, to, now);
        }
        if (to.terminal() && j.workflowId != null) {
            workflowMemberFinished(j, now);
        }
    }

    // ------------------------------------------------------------------ worker operations

    public synchronized JsonObject fetch(List<String> queueNames, int count, String workerId, Long visibilityMs,
                                         long now) {
        if (workerId != null) {
            worker(workerId, now);
        }
        JsonArrayBuilder out = Json.arr();
        JsonObject first = null;
        int n = 0;
        for (String name : queueNames) {
            QueueInfo q = queues.get(name);
            if (q == null || q.paused) {
                continue;
            }
            while (n < count && !q.ready.isEmpty() && q.rateAllows(now)) {
                Job j = q.ready.first();
                if (j.expiresAt != null && j.expiresAt <= now) {
                    expire(j, now);
                    continue;
                }
                j.attempt++;
                j.startedAt = now;
                j.workerId = workerId;
                j.leaseMs = visibilityMs != null ? visibilityMs
                        : j.visibilityTimeoutMs != null ? j.visibilityTimeoutMs : defaultVisibilityMs;
                j.visibleUntil = now + j.leaseMs;
                transition(j, JobState.ACTIVE, now);
                q.recordFetch(now);
                JsonObjectBuilder d = Json.obj().add("attempt", j.attempt);
                if (workerId != null) {
                    d.add("worker_id", workerId);
                }
                event("job.started", j, now, d);
                JsonObject json = j.toJson();
                if (first == null) {
                    first = json;
                }
                out.add(json);
                n++;
            }
            if (n >= count) {
                break;
            }
        }
        JsonObjectBuilder b = Json.obj().add("jobs", out);
        if (first != null) {
            b.add("job", first);
        }
        return b.build();
    }

    private Job activeJob(String id, String operation) {
        Job j = jobs.get(id);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0301", "job", id);
        }
        if (j.state != JobState.ACTIVE) {
            throw ApiException.conflict("OJS-SRV-0302", "Cannot " + operation + " job '" + id + "' in state '"
                            + j.state.wire() + "'; only active jobs can be " + operation + "ed.",
                    "Only the worker holding the job (state 'active') may " + operation
                            + " it. The job may have been cancelled, timed out or settled already.",
                    Json.obj().add("job_id", id).add("current_state", j.state.wire())
                            .add("expected_state", "active").build());
        }
        return j;
    }

    public synchronized JsonObject ack(String id, JsonValue result, long now) {
        Job j = activeJob(id, "ack");
        if (result != null) {
            j.result = result;
        }
        j.error = null;
        j.completedAt = now;
        long duration = j.startedAt == null ? 0 : now - j.startedAt;
        transition(j, JobState.COMPLETED, now);
        JsonObjectBuilder d = Json.obj().add("attempt", j.attempt).add("duration_ms", duration);
        if (result != null) {
            d.add("result", result);
        }
        event("job.completed", j, now, d);
        return Json.obj().add("acknowledged", true).add("id", j.id).add("job_id", j.id).add("state", "completed")
                .add("completed_at", Times.format(now)).add("job", j.toJson()).build();
    }

    /** FAIL. {@code error} is the request's error object (may be null); requeue releases the job untouched. */
    public synchronized JsonObject nack(String id, JsonObject error, boolean requeue, long now) {
        Job j = activeJob(id, "nack");
        if (requeue) {
            // A release (e.g. worker shutdown) does not consume an attempt.
            j.attempt = Math.max(0, j.attempt - 1);
            j.workerId = null;
            j.enqueuedAt = now;
            transition(j, JobState.AVAILABLE, now);
            return Json.obj().add("id", j.id).add("job_id", j.id).add("state", "available")
                    .add("attempt", j.attempt).add("max_attempts", j.retry.maxAttempts())
                    .add("job", j.toJson()).build();
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
        return fail(j, rec, nonRetryable, now);
    }

    private JsonObject fail(Job j, JsonObject rec, boolean nonRetryable, long now) {
        j.error = rec;
        j.errors.add(rec);
        JsonObjectBuilder resp = Json.obj().add("id", j.id).add("job_id", j.id);
        event("job.failed", j, now, Json.obj().add("attempt", j.attempt).add("error", rec));
        if (nonRetryable || j.attempt >= j.retry.maxAttempts()) {
            discard(j, now, true);
            resp.add("state", "discarded").add("attempt", j.attempt).add("max_attempts", j.retry.maxAttempts())
                    .add("discarded_at", Times.format(now)).add("completed_at", Times.format(now));
        } else {
            long delay = j.retry.backoffMillis(j.attempt);
            j.retryDelayMs = delay;
            j.dueAt = now + delay;
            j.workerId = null;
            transition(j, JobState.RETRYABLE, now);
            event("job.retrying", j, now, Json.obj().add("attempt", j.attempt).add("retry_delay_ms", delay)
                    .add("next_attempt_at", Times.format(j.dueAt)));
            resp.add("state", "retryable").add("attempt", j.attempt).add("max_attempts", j.retry.maxAttempts())
                    .add("next_attempt_at", Times.format(j.dueAt)).add("retry_delay_ms", delay);
        }
        return resp.add("job", j.toJson()).build();
    }

    private void discard(Job j, long now, boolean toDeadLetterIfAsked) {
        j.completedAt = now;
        j.discardedAt = now;
        if (toDeadLetterIfAsked && j.retry.deadLetter()) {
            j.deadLettered = true;
            deadLetter.put(j.id, j);
        }
        transition(j, JobState.DISCARDED, now);
        JsonObjectBuilder d = Json.obj().add("total_attempts", j.attempt);
        if (j.error != null) {
            d.add("last_error", j.error);
        }
        event("job.discarded", j, now, d);
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

    public synchronized JsonObject heartbeat(String workerId, List<String> activeIds, Long visibilityMs,
                                             String reportedState, long now) {
        WorkerInfo w = worker(workerId, now);
        if (reportedState != null) {
            w.reportedState = reportedState;
        }
        String directive = w.directive;
        JsonArrayBuilder extended = Json.arr();
        for (String id : activeIds) {
            Job j = jobs.get(id);
            if (j == null || j.state != JobState.ACTIVE || (j.workerId != null && !j.workerId.equals(workerId))) {
                continue; // not ours any more: the worker learns it from jobs_extended
            }
            long lease = visibilityMs != null ? visibilityMs : j.leaseMs;
            j.visibleUntil = Math.max(j.visibleUntil, now + lease);
            extended.add(id);
            String test = j.testDirective();
            if ("terminate".equals(test) || ("quiet".equals(test) && directive.equals("continue"))) {
                directive = test;
            }
        }
        return Json.obj().add("state", directive.equals("continue") ? "running" : directive)
                .add("directive", directive).add("jobs_extended", extended)
                .add("server_time", Times.format(now)).build();
    }

    private WorkerInfo worker(String id, long now) {
        WorkerInfo w = workers.computeIfAbsent(id, WorkerInfo::new);
        w.lastSeen = now;
        return w;
    }

    /** Admin: make the worker's next heartbeats carry {@code quiet} or {@code terminate}. Never goes back. */
    public synchronized JsonObject setWorkerDirective(String workerId, String directive, long now) {
        WorkerInfo w = workers.computeIfAbsent(workerId, WorkerInfo::new);
        if (!"terminate".equals(w.directive)) {
            w.directive = directive;
        }
        return Json.obj().add("worker", workerJson(w, now)).build();
    }

    public synchronized JsonObject listWorkers(long now) {
        JsonArrayBuilder arr = Json.arr();
        int running = 0;
        int quiet = 0;
        int stale = 0;
        for (WorkerInfo w : workers.values()) {
            arr.add(workerJson(w, now));
            if (now - w.lastSeen > 30_000) {
                stale++;
            } else if (w.directive.equals("continue") && "running".equals(w.reportedState)) {
                running++;
            } else {
                quiet++;
            }
        }
        return Json.obj().add("workers", arr).add("summary", Json.obj().add("total", workers.size())
                .add("running", running).add("quiet", quiet).add("stale", stale)).build();
    }

    private JsonObject workerJson(WorkerInfo w, long now) {
        int activeJobs = 0;
        for (Job j : active) {
            if (w.id.equals(j.workerId)) {
                activeJobs++;
            }
        }
        return Json.obj().add("id", w.id).add("state", w.reportedState).add("directive", w.directive)
                .add("active_jobs", activeJobs).add("last_heartbeat", Times.format(w.lastSeen)).build();
    }

    // ------------------------------------------------------------------ jobs

    public synchronized JsonObject get(String id) {
        Job j = jobs.get(id);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0301", "job", id);
        }
        return Json.obj().add("job", j.toJson()).build();
    }

    public synchronized JsonObject cancel(String id, long now) {
        Job j = jobs.get(id);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0301", "job", id);
        }
        if (j.state.terminal()) {
            throw ApiException.conflict("OJS-SRV-0303", "Cannot cancel job in state '" + j.state.wire() + "'.",
                    "Completed, cancelled and discarded jobs are final; nothing to cancel.",
                    Json.obj().add("job_id", id).add("current_state", j.state.wire()).build());
        }
        cancel(j, now, "cancelled by request");
        return Json.obj().add("job", j.toJson()).build();
    }

    private void cancel(Job j, long now, String why) {
        j.cancelledAt = now;
        transition(j, JobState.CANCELLED, now);
        event("job.cancelled", j, now, Json.obj().add("reason", why));
    }

    // ------------------------------------------------------------------ dead letter

    public synchronized JsonObject listDeadLetter(String queueFilter, int limit, int offset) {
        List<Job> matching = new ArrayList<>();
        for (Job j : deadLetter.values()) {
            if (queueFilter == null || queueFilter.equals(j.queue)) {
                matching.add(j);
            }
        }
        JsonArrayBuilder arr = Json.arr();
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            arr.add(matching.get(i).toJson());
        }
        return Json.obj().add("jobs", arr).add("pagination", Json.obj().add("total", matching.size())
                .add("limit", limit).add("offset", offset).add("has_more", offset + limit < matching.size()))
                .build();
    }

    public synchronized JsonObject retryDeadLetter(String id, long now) {
        Job j = deadLetter.remove(id);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0401", "dead_letter_job", id);
        }
        j.deadLettered = false;
        j.attempt = 0;
        j.completedAt = null;
        j.discardedAt = null;
        j.error = null;
        j.workerId = null;
        j.retryDelayMs = null;
        j.enqueuedAt = now;
        transition(j, JobState.AVAILABLE, now);
        event("job.enqueued", j, now, Json.obj().add("reason", "dead_letter_retry"));
        return Json.obj().add("job", j.toJson()).build();
    }

    public synchronized JsonObject deleteDeadLetter(String id) {
        Job j = deadLetter.remove(id);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0401", "dead_letter_job", id);
        }
        jobs.remove(id);
        QueueInfo q = queues.get(j.queue);
        if (q != null) {
            q.counts[j.state.ordinal()]--;
        }
        return Json.obj().add("deleted", true).add("job_id", id).add("id", id).build();
    }

    // ------------------------------------------------------------------ queues

    public synchronized JsonObject listQueues() {
        JsonArrayBuilder arr = Json.arr();
        for (QueueInfo q : queues.values()) {
            arr.add(Json.obj().add("name", q.name).add("status", q.paused ? "paused" : "active")
                    .add("created_at", Times.format(q.createdAt)));
        }
        return Json.obj().add("queues", arr).add("pagination", Json.obj().add("total", queues.size())
                .add("limit", Math.max(50, queues.size())).add("offset", 0).add("has_more", false)).build();
    }

    public synchronized JsonObject queueStats(String name, long now) {
        QueueInfo q = queues.get(name);
        JsonObjectBuilder b = Json.obj().add("name", name);
        for (JobState s : JobState.values()) {
            if (s != JobState.COMPLETED) {
                b.add(s.wire(), q == null ? 0 : q.count(s));
            }
        }
        long deadLettered = deadLetter.values().stream().filter(j -> j.queue.equals(name)).count();
        b.add("completed", q == null ? 0 : q.completedTotal).add("dead_letter", deadLettered)
                .add("paused", q != null && q.paused).add("status", q != null && q.paused ? "paused" : "active");
        return Json.obj().add("queue", b).add("computed_at", Times.format(now)).build();
    }

    public synchronized JsonObject setPaused(String name, boolean paused, long now) {
        QueueInfo q = queue(name, now);
        q.paused = paused;
        event(paused ? "queue.paused" : "queue.resumed", null, now, Json.obj().add("queue", name));
        return Json.obj().add("queue", Json.obj().add("name", name).add("paused", paused)
                .add("status", paused ? "paused" : "active")).build();
    }

    // ------------------------------------------------------------------ cron

    public synchronized Pushed registerCron(JsonObject body, long now) {
        String name = Json.stringOrNull(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("OJS-SRV-0501", "The 'name' field is required and must be a non-empty string.",
                    "Name the cron entry, e.g. \"nightly-cleanup\".", "name");
        }
        String exprKey = body.containsKey("expression") ? "expression" : "cron";
        String exprText = Json.stringOrNull(body, exprKey);
        if (exprText == null || exprText.isBlank()) {
            throw ApiException.invalid("OJS-SRV-0502", "The 'expression' field is required.",
                    "Use a 5-field cron expression such as \"*/5 * * * *\" or a macro such as \"@daily\".",
                    "expression");
        }
        CronExpression expr;
        try {
            expr = CronExpression.parse(exprText);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("OJS-SRV-0503", "Invalid cron expression '" + exprText + "': "
                            + e.getMessage() + ".",
                    "Use 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * 1-5\", or @hourly,"
                            + " @daily, @weekly, @monthly, @yearly, @every 30s.", "expression");
        }
        String tz = body.containsKey("timezone") && !Json.isNull(body.get("timezone"))
                ? Json.stringOrNull(body, "timezone") : "UTC";
        ZoneId zone;
        try {
            zone = ZoneId.of(tz == null ? "" : tz);
        } catch (RuntimeException e) {
            throw ApiException.invalid("OJS-SRV-0504", "Unknown timezone " + body.get("timezone") + ".",
                    "Use an IANA zone id such as \"Europe/Berlin\" or \"UTC\".", "timezone");
        }
        String overlap = body.containsKey("overlap_policy") && !Json.isNull(body.get("overlap_policy"))
                ? Json.stringOrNull(body, "overlap_policy") : "allow";
        if (!List.of("allow", "skip", "cancel").contains(overlap)) {
            throw ApiException.invalid("OJS-SRV-0505", "'overlap_policy' must be allow, skip or cancel.",
                    "Use \"skip\" to avoid starting a run while the previous one is unfinished.", "overlap_policy");
        }
        JsonObject template;
        if (body.get("job_template") instanceof JsonObject t) {
            template = t;
        } else if (body.containsKey("job_template")) {
            throw ApiException.invalid("OJS-SRV-0506", "'job_template' must be an object.",
                    "Send {\"type\":\"...\",\"args\":[...],\"options\":{...}}.", "job_template");
        } else if (body.containsKey("type")) { // the binding's flat shape: type/args/meta/options at top level
            JsonObjectBuilder tb = Json.obj();
            for (String k : List.of("type", "args", "meta", "options")) {
                if (body.containsKey(k)) {
                    tb.add(k, body.get(k));
                }
            }
            template = tb.build();
        } else {
            throw ApiException.invalid("OJS-SRV-0506", "The 'job_template' field is required.",
                    "Send {\"job_template\":{\"type\":\"...\",\"args\":[...]}}.", "job_template");
        }
        if (!template.containsKey("args")) {
            template = Json.P.createObjectBuilder(template).add("args", JsonValue.EMPTY_JSON_ARRAY).build();
        }
        EnqueueRequest.parse(template, now, "job_template: ");
        CronJob c = new CronJob(name, exprText, expr, zone, tz, overlap, template, now);
        ZonedDateTime next = expr.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone), zone);
        if (next == null) {
            throw ApiException.invalid("OJS-SRV-0507", "Cron expression '" + exprText + "' never fires.",
                    "Check day-of-month and month, e.g. \"0 0 31 2 *\" has no date.", "expression");
        }
        c.nextRunAt = next.toInstant().toEpochMilli();
        boolean replaced = crons.put(name, c) != null;
        return new Pushed(Json.obj().add("cron", c.toJson()).build(), name, !replaced);
    }

    public synchronized JsonObject listCrons() {
        JsonArrayBuilder arr = Json.arr();
        crons.values().forEach(c -> arr.add(c.toJson()));
        return Json.obj().add("crons", arr).build();
    }

    public synchronized JsonObject deleteCron(String name) {
        CronJob c = crons.remove(name);
        if (c == null) {
            throw ApiException.notFound("OJS-SRV-0508", "cron", name);
        }
        return Json.obj().add("cron", c.toJson()).add("deleted", true).add("name", name).build();
    }

    private void fireCron(CronJob c, long now) {
        Job previous = c.lastJobId == null ? null : jobs.get(c.lastJobId);
        boolean running = previous != null && !previous.state.terminal();
        ZonedDateTime next = c.expression.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), c.zone), c.zone);
        c.nextRunAt = next == null ? Long.MAX_VALUE : next.toInstant().toEpochMilli();
        if (running && c.overlapPolicy.equals("skip")) {
            event("cron.skipped", null, now, Json.obj().add("cron_name", c.name).add("running_job_id", previous.id));
            return;
        }
        if (running && c.overlapPolicy.equals("cancel")) {
            cancel(previous, now, "superseded by the next cron run");
        }
        try {
            Job j = push(EnqueueRequest.parse(c.jobTemplate, now, ""), now, null, -1, null);
            c.lastJobId = j.id;
            c.lastRunAt = now;
            event("cron.triggered", j, now, Json.obj().add("cron_name", c.name));
        } catch (ApiException e) {
            // e.g. a unique conflict: the run is skipped, the schedule continues
            event("cron.skipped", null, now, Json.obj().add("cron_name", c.name).add("reason", e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ workflows

    public synchronized JsonObject createWorkflow(JsonObject body, long now) {
        String type = Json.stringOrNull(body, "type");
        if (type == null || !List.of("chain", "group", "batch").contains(type)) {
            throw ApiException.invalid("OJS-SRV-0601", "The 'type' field is required (chain, group, or batch).",
                    "Send {\"type\":\"chain\",\"steps\":[...]} or {\"type\":\"group\",\"jobs\":[...]}.", "type");
        }
        String key = type.equals("chain") ? "steps" : "jobs";
        JsonValue members = body.containsKey(key) ? body.get(key) : body.get(type.equals("chain") ? "jobs" : "steps");
        if (!(members instanceof JsonArray arr) || arr.isEmpty()) {
            throw ApiException.invalid("OJS-SRV-0602", "A " + type + " needs a non-empty '" + key + "' array.",
                    "List the jobs as [{\"type\":\"...\",\"args\":[...]}].", key);
        }
        List<JsonObject> bodies = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            EnqueueRequest.parse(arr.get(i), now, key + "[" + i + "]: ");
            bodies.add(arr.getJsonObject(i));
        }
        Map<String, JsonObject> callbacks = new LinkedHashMap<>();
        JsonObject callbacksJson = null;
        if (body.containsKey("callbacks") && !Json.isNull(body.get("callbacks"))) {
            if (!(body.get("callbacks") instanceof JsonObject cbs)) {
                throw ApiException.invalid("OJS-SRV-0603", "'callbacks' must be an object.",
                        "Send {\"on_complete\":{...},\"on_success\":{...},\"on_failure\":{...}}.", "callbacks");
            }
            for (String name : List.of("on_complete", "on_success", "on_failure")) {
                if (cbs.containsKey(name) && !Json.isNull(cbs.get(name))) {
                    EnqueueRequest.parse(cbs.get(name), now, "callbacks." + name + ": ");
                    callbacks.put(name, cbs.getJsonObject(name));
                }
            }
            callbacksJson = cbs;
        }
        String name = Json.stringOrNull(body, "name");
        Workflow w = new Workflow(Ids.uuidV7(), name, type, bodies, callbacks, callbacksJson, now);
        workflows.put(w.id, w);
        event("workflow.started", null, now, Json.obj().add("workflow_id", w.id).add("workflow_type", type));
        if (type.equals("chain")) {
            startMember(w, 0, null, now);
        } else {
            for (int i = 0; i < bodies.size() && !w.isTerminal(); i++) {
                startMember(w, i, null, now);
            }
        }
        return Json.obj().add("workflow", w.toJson()).build();
    }

    private void startMember(Workflow w, int index, JsonArray parentResults, long now) {
        try {
            Job j = push(EnqueueRequest.parse(w.memberBodies.get(index), now, ""), now, w.id, index, parentResults);
            w.jobIds[index] = j.id;
        } catch (ApiException e) {
            finishWorkflow(w, "failed", now);
        }
    }

    private void workflowMemberFinished(Job j, long now) {
        Workflow w = workflows.get(j.workflowId);
        if (w == null || w.isTerminal() || j.workflowIndex < 0) {
            return;
        }
        int i = j.workflowIndex;
        if (w.type.equals("chain")) {
            if (j.state == JobState.COMPLETED) {
                w.results[i] = j.result;
                w.completed++;
                event("workflow.step_completed", null, now, Json.obj().add("workflow_id", w.id).add("step", i)
                        .add("job_id", j.id));
                if (i + 1 < w.jobIds.length) {
                    JsonArrayBuilder pr = Json.arr();
                    for (int k = 0; k <= i; k++) {
                        if (w.results[k] != null) {
                            pr.add(w.results[k]);
                        }
                    }
                    startMember(w, i + 1, pr.build(), now);
                } else {
                    finishWorkflow(w, "completed", now);
                }
            } else {
                w.failed++;
                finishWorkflow(w, "failed", now);
            }
            return;
        }
        w.terminal++;
        if (j.state == JobState.COMPLETED) {
            w.completed++;
            w.results[i] = j.result;
        } else {
            w.failed++;
        }
        if (w.terminal == w.jobIds.length) {
            finishWorkflow(w, w.failed > 0 ? "failed" : "completed", now);
            if (w.type.equals("batch")) {
                fireCallback(w, "on_complete", now);
                fireCallback(w, w.failed > 0 ? "on_failure" : "on_success", now);
            }
        }
    }

    private void fireCallback(Workflow w, String which, long now) {
        JsonObject cb = w.callbacks.get(which);
        if (cb == null) {
            return;
        }
        try {
            Job j = push(EnqueueRequest.parse(cb, now, ""), now, null, -1, null);
            w.callbackJobIds.put(which, j.id);
        } catch (ApiException e) {
            event("workflow.callback_failed", null, now, Json.obj().add("workflow_id", w.id)
                    .add("callback", which).add("reason", e.getMessage()));
        }
    }

    private void finishWorkflow(Workflow w, String state, long now) {
        w.state = state;
        w.completedAt = now;
        event("workflow." + state, null, now, Json.obj().add("workflow_id", w.id).add("workflow_type", w.type));
    }

    public synchronized JsonObject getWorkflow(String id) {
        Workflow w = workflows.get(id);
        if (w == null) {
            throw ApiException.notFound("OJS-SRV-0604", "workflow", id);
        }
        return Json.obj().add("workflow", w.toJson()).build();
    }

    public synchronized JsonObject cancelWorkflow(String id, long now) {
        Workflow w = workflows.get(id);
        if (w == null) {
            throw ApiException.notFound("OJS-SRV-0604", "workflow", id);
        }
        if (w.isTerminal()) {
            throw ApiException.conflict("OJS-SRV-0605", "Cannot cancel workflow in state '" + w.state + "'.",
                    "The workflow has already finished.", Json.obj().add("workflow_id", id)
                            .add("current_state", w.state).build());
        }
        finishWorkflow(w, "cancelled", now);
        for (String jobId : w.jobIds) {
            Job j = jobId == null ? null : jobs.get(jobId);
            if (j != null && !j.state.terminal()) {
                cancel(j, now, "workflow cancelled");
            }
        }
        return Json.obj().add("workflow", w.toJson()).build();
    }

    // ------------------------------------------------------------------ timers

    /** Promotes due jobs, expires TTLs and leases, enforces execution timeouts, fires crons, purges old jobs. */
    public synchronized void tick(long now) {
        while (!delayed.isEmpty() && delayed.first().dueAt <= now) {
            Job j = delayed.first();
            j.enqueuedAt = now;
            transition(j, JobState.AVAILABLE, now);
        }
        while (!expiring.isEmpty() && expiring.first().expiresAt <= now) {
            expire(expiring.first(), now);
        }
        if (!active.isEmpty()) {
            for (Job j : new ArrayList<>(active)) {
                if (j.timeoutMs != null && j.startedAt != null && now - j.startedAt >= j.timeoutMs) {
                    fail(j, serverError("timeout", "Job exceeded its execution timeout of " + j.timeoutMs + " ms.",
                            j.attempt, now), false, now);
                } else if (now >= j.visibleUntil) {
                    leaseExpired(j, now);
                }
            }
        }
        for (CronJob c : new ArrayList<>(crons.values())) {
            if (c.nextRunAt <= now) {
                fireCron(c, now);
            }
        }
        while (!retention.isEmpty()) {
            Retained r = retention.peekFirst();
            boolean current = jobs.get(r.job.id) == r.job && r.job.state.terminal() && !r.job.deadLettered;
            if (current && now - r.at < retentionMs && retention.size() <= retentionCap) {
                break;
            }
            retention.pollFirst();
            if (current && (r.job.completedAt == null || r.job.completedAt <= r.at)
                    && (r.job.cancelledAt == null || r.job.cancelledAt <= r.at)) {
                jobs.remove(r.job.id);
                QueueInfo q = queues.get(r.job.queue);
                if (q != null) {
                    q.counts[r.job.state.ordinal()]--;
                }
            }
        }
    }

    private void expire(Job j, long now) {
        if (j.state.terminal() || j.state == JobState.ACTIVE) {
            expiring.remove(j);
            return;
        }
        j.error = Json.obj().add("code", "expired").add("type", "expired")
                .add("message", "Job expired at " + Times.format(j.expiresAt) + " before it was started.")
                .add("attempt", j.attempt).add("occurred_at", Times.format(now)).build();
        event("job.expired", j, now, Json.obj().add("expires_at", Times.format(j.expiresAt)));
        discard(j, now, false);
    }

    /** Visibility timeout: the worker vanished or stalled; the job goes back to the queue (or is exhausted). */
    private void leaseExpired(Job j, long now) {
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
        transition(j, JobState.AVAILABLE, now);
    }

    // ------------------------------------------------------------------ events

    private void event(String type, Job j, long now, JsonObjectBuilder data) {
        String queue = null;
        String jobType = null;
        String jobId = null;
        if (j != null) {
            jobId = j.id;
            queue = j.queue;
            jobType = j.type;
            data.add("job_id", j.id).add("job_type", j.type).add("queue", j.queue);
        }
        JsonObject d = data.build();
        if (queue == null && d.get("queue") instanceof JsonString qs) {
            queue = qs.getString();
        }
        events.addLast(new Event(++eventSeq, "evt_" + Ids.uuidV7(), type, now, jobId, queue, jobType, d));
        if (events.size() > EVENT_LOG_CAP) {
            events.pollFirst();
        }
    }

    /** Optional polling endpoint of ojs-events.md §6.4. */
    public synchronized JsonObject pollEvents(Set<String> types, Set<String> queueFilter, Set<String> jobTypes,
                                              String after, int limit) {
        long afterSeq = 0;
        if (after != null) {
            for (Event e : events) {
                if (e.id.equals(after)) {
                    afterSeq = e.seq;
                    break;
                }
            }
        }
        JsonArrayBuilder arr = Json.arr();
        int n = 0;
        String cursor = after;
        boolean more = false;
        for (Event e : events) {
            if (e.seq <= afterSeq || (types != null && !types.contains(e.type))
                    || (queueFilter != null && !queueFilter.contains(e.queue))
                    || (jobTypes != null && !jobTypes.contains(e.jobType))) {
                continue;
            }
            if (n == limit) {
                more = true;
                break;
            }
            arr.add(e.toJson());
            cursor = e.id;
            n++;
        }
        JsonObjectBuilder b = Json.obj().add("events", arr).add("has_more", more);
        if (cursor != null) {
            b.add("cursor", cursor);
        } else {
            b.addNull("cursor");
        }
        return b.build();
    }

    // ------------------------------------------------------------------ SSE

    /** Opens a job stream; for a job already in a terminal state the sink gets one event and closes. */
    public synchronized SseSink subscribeJob(String jobId, long now) {
        Job j = jobs.get(jobId);
        if (j == null) {
            throw ApiException.notFound("OJS-SRV-0301", "job", jobId);
        }
        SseSink sink = new SseSink(true);
        if (j.state.terminal()) {
            sink.offer(stateFrame(j, j.state, j.state, now));
            sink.finish();
        } else {
            jobStreams.computeIfAbsent(jobId, k -> new LinkedHashSet<>()).add(sink);
        }
        return sink;
    }

    public synchronized SseSink subscribeQueue(String queueName) {
        SseSink sink = new SseSink(false);
        queueStreams.computeIfAbsent(queueName, k -> new LinkedHashSet<>()).add(sink);
        return sink;
    }

    public synchronized void unsubscribe(SseSink sink) {
        jobStreams.values().forEach(s -> s.remove(sink));
        queueStreams.values().forEach(s -> s.remove(sink));
        jobStreams.values().removeIf(Set::isEmpty);
        queueStreams.values().removeIf(Set::isEmpty);
    }

    private void publishStateChange(Job j, JobState from, JobState to, long now) {
        Set<SseSink> js = jobStreams.get(j.id);
        Set<SseSink> qs = queueStreams.get(j.queue);
        if (js == null && qs == null) {
            return;
        }
        String frame = stateFrame(j, from, to, now);
        if (js != null) {
            for (SseSink s : js) {
                s.offer(frame);
                if (to.terminal()) {
                    s.finish();
                }
            }
            if (to.terminal()) {
                jobStreams.remove(j.id);
            }
        }
        if (qs != null) {
            qs.forEach(s -> s.offer(frame));
        }
    }

    private String stateFrame(Job j, JobState from, JobState to, long now) {
        JsonObject data = Json.obj().add("event", "job.state_changed").add("job_id", j.id).add("queue", j.queue)
                .add("type", j.type).add("from", from == null ? "" : from.wire()).add("to", to.wire())
                .add("timestamp", Times.format(now)).build();
        return "id: evt_" + String.format("%04d", ++eventSeq) + "\nevent: job.state_changed\ndata: "
                + Json.write(data) + "\n\n";
    }

    // ------------------------------------------------------------------ misc

    public synchronized int jobCount() {
        return jobs.size();
    }

    static JsonNumber asNumber(JsonValue v) {
        return v instanceof JsonNumber n ? n : null;
    }
}
