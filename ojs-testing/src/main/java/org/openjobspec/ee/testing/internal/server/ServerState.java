package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The in-memory OJS server state behind one lock: every method takes the monitor of this object, and the parts
 * it delegates to (job store and lifecycle, workflows, cron, workers, event log, SSE streams) are only ever
 * touched from here. Rules live in those parts, the JSON answers in {@link Render}. No threads, no sockets: it
 * outlives an HTTP listener. Time comes from the caller ({@link System#currentTimeMillis()}).
 */
public final class ServerState {
    /**
     * Lease of a fetched job when neither the fetch nor the job names one: the worker protocol's 1800 s
     * (ojs-worker-protocol §5.2), not the HTTP binding's 30 s. The two specs disagree; the conformance case
     * L2-CRON-005 decides, since it expects a job fetched 65 s earlier without heartbeats to be still active.
     */
    public static final long DEFAULT_VISIBILITY_MS = 1_800_000;

    /** Outcome of a PUSH or cron registration: the answer and whether something was created (201) or not (200). */
    record Pushed(JsonObject job, String id, boolean created) {
    }

    private final EventLog events = new EventLog();
    private final Streams streams = new Streams(events);
    private final JobStore store = new JobStore(streams);
    private final JobLifecycle jobs = new JobLifecycle(store, events);
    private final Workflows workflows = new Workflows(jobs, events);
    private final Crons crons = new Crons(jobs, events);
    private final Workers workers = new Workers(store);

    public ServerState() {
        store.onWorkflowMemberFinished(workflows::memberFinished);
    }

    /** Keep terminal jobs this long and at most this many (oldest go first); dead-lettered jobs stay. */
    public synchronized void retention(long millis, int cap) {
        store.retentionMs = millis;
        store.retentionCap = cap;
    }

    public synchronized void defaultVisibilityTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(Messages.SRV_0807 + ": default visibility timeout must be positive");
        }
        jobs.defaultVisibilityMs = millis;
    }

    /** Drops all jobs, queues, crons, workflows, workers and events; open SSE streams are closed. */
    public synchronized void reset() {
        store.clear();
        workers.clear();
        crons.clear();
        workflows.clear();
        events.clear();
        streams.closeAll();
    }

    /** Ends every open SSE stream (server stop). */
    public synchronized void closeStreams() {
        streams.closeAll();
    }

    public synchronized int jobCount() {
        return store.jobs.size();
    }

    /** Promotes due jobs, expires TTLs and leases, enforces execution timeouts, fires crons, purges old jobs. */
    public synchronized void tick(long now) {
        jobs.tick(now);
        crons.fireDue(now);
        store.purge(now);
    }

    // ------------------------------------------------------------------ jobs

    synchronized Pushed enqueue(PushRequest r, long now) {
        JobLifecycle.Push p = jobs.push(r, now);
        return new Pushed(Render.job(p.job()), p.job().id, p.created());
    }

    /** Validates every element first; if one is refused, nothing is created. */
    synchronized JsonObject enqueueBatch(List<PushRequest> requests, long now) {
        jobs.checkBatch(requests, now);
        List<JsonObject> out = new ArrayList<>();
        for (PushRequest r : requests) {
            out.add(Render.job(jobs.push(r, now).job()));
        }
        return Render.batch(out);
    }

    public synchronized JsonObject get(String id) {
        return Render.wrappedJob(jobs.job(id));
    }

    synchronized JsonObject cancel(String id, long now) {
        return Render.wrappedJob(jobs.cancel(id, now));
    }

    synchronized JsonObject fetch(List<String> queueNames, int count, String workerId, Long visibilityMs,
                                         long now) {
        if (workerId != null) {
            workers.seen(workerId, now);
        }
        return Render.fetched(jobs.fetch(queueNames, count, workerId, visibilityMs, now));
    }

    /** PUT progress: applied, or ignored without error (job not active, value lower than the last). */
    synchronized JsonObject progress(String id, double value, String message, JsonObject data, long now) {
        StoredJob j = jobs.job(id);
        boolean applied = jobs.progress(j, value, message, data, now);
        return Render.progress(j, applied);
    }

    synchronized JsonObject progress(String id) {
        return Render.progress(jobs.job(id), null);
    }

    synchronized JsonObject ack(String id, JsonValue result, long now) {
        return Render.acked(jobs.ack(id, result, now));
    }

    /** FAIL. {@code error} is the request's error object (may be null); requeue releases the job untouched. */
    synchronized JsonObject nack(String id, JsonObject error, boolean requeue, long now) {
        return Render.failed(jobs.nack(id, error, requeue, now));
    }

    // ------------------------------------------------------------------ workers

    /** @param identity what the worker says about itself (labels, hostname, ...), kept for the admin listing */
    synchronized JsonObject heartbeat(String workerId, List<String> activeIds, Long visibilityMs,
                                      String reportedState, JsonObject identity, long now) {
        return Render.heartbeat(workers.heartbeat(workerId, activeIds, visibilityMs, reportedState, identity, now),
                now);
    }

    /** Admin: make the worker's next heartbeats carry {@code quiet} or {@code terminate}. Never goes back. */
    synchronized JsonObject setWorkerDirective(String workerId, String directive) {
        Workers.Worker w = workers.direct(workerId, directive);
        return Json.obj().add("worker", Render.worker(w, store.activeJobsOf(w.id))).build();
    }

    synchronized JsonObject listWorkers(long now) {
        return Render.workers(workers.all(), store::activeJobsOf, now);
    }

    // ------------------------------------------------------------------ queues and dead letter

    synchronized JsonObject listQueues(Integer limit, int offset) {
        return Render.queues(store.queues.values(), limit, offset);
    }

    synchronized JsonObject queueStats(String name, long now) {
        return Render.queueStats(name, store.queues.get(name), store.deadLettered(name), now);
    }

    synchronized JsonObject setPaused(String name, boolean paused, long now) {
        jobs.setPaused(name, paused, now);
        return Render.paused(name, paused);
    }

    synchronized JsonObject listDeadLetter(String queueFilter, int limit, int offset) {
        return Render.deadLetterPage(jobs.deadLetter(queueFilter), limit, offset);
    }

    synchronized JsonObject retryDeadLetter(String id, long now) {
        return Render.wrappedJob(jobs.retryDeadLetter(id, now));
    }

    synchronized JsonObject deleteDeadLetter(String id) {
        jobs.deleteDeadLetter(id);
        return Json.obj().add("deleted", true).add("job_id", id).add("id", id).build();
    }

    // ------------------------------------------------------------------ cron

    synchronized Pushed registerCron(JsonObject body, long now) {
        Crons.Registered r = crons.register(body, now);
        return new Pushed(Json.obj().add("cron", Render.cron(r.cron())).build(), r.cron().name, r.created());
    }

    synchronized JsonObject listCrons() {
        return Render.crons(crons.all());
    }

    synchronized JsonObject deleteCron(String name) {
        CronEntry c = crons.delete(name);
        return Json.obj().add("cron", Render.cron(c)).add("deleted", true).add("name", name).build();
    }

    // ------------------------------------------------------------------ workflows

    synchronized JsonObject createWorkflow(JsonObject body, long now) {
        return Render.wrappedWorkflow(workflows.create(body, now));
    }

    synchronized JsonObject getWorkflow(String id) {
        return Render.wrappedWorkflow(workflows.get(id));
    }

    synchronized JsonObject cancelWorkflow(String id, long now) {
        return Render.wrappedWorkflow(workflows.cancel(id, now));
    }

    // ------------------------------------------------------------------ events and SSE

    /** Optional polling endpoint of ojs-events.md §6.4. */
    synchronized JsonObject pollEvents(Set<String> types, Set<String> queueFilter, Set<String> jobTypes,
                                              String after, int limit) {
        return Render.events(events.poll(types, queueFilter, jobTypes, after, limit));
    }

    /** Opens a job stream; for a job already in a terminal state the sink gets one event and closes. */
    synchronized SseSink subscribeJob(String jobId, long now) {
        return streams.subscribeJob(jobs.job(jobId), now);
    }

    synchronized SseSink subscribeQueue(String queueName) {
        return streams.subscribeQueue(queueName);
    }

    synchronized void unsubscribe(SseSink sink) {
        streams.unsubscribe(sink);
    }
}
