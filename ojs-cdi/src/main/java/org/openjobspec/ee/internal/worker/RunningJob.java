package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.openjobspec.ee.JobContext;

/**
 * One held job: fetched and not yet given back. Exactly one {@link Outcome} is ever claimed for it, which is what
 * guarantees a job is never acknowledged twice (or acknowledged after it was released or dropped). Its worker
 * slot is freed only when both the handler has returned and the server side is settled, so the number of running
 * handlers never exceeds the concurrency.
 */
final class RunningJob implements JobContext {

    enum Kind { ACK, NACK, RELEASE, DROP }

    record Outcome(Kind kind, JsonValue result, Failure failure) {
    }

    final WorkerJob job;
    private final Worker worker;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final AtomicBoolean permitReleased = new AtomicBoolean();
    private volatile boolean cancelled;
    volatile boolean handlerDone;
    volatile boolean serverDone;
    /** Until when the server asked not to be told about this job again (Retry-After of the last failed attempt). */
    volatile long settleNotBefore;
    volatile Future<?> future;
    volatile long deadlineNanos; // 0 = no local timeout
    /** The handler's latest progress report not yet sent; see {@link ProgressReports}. */
    final AtomicReference<ProgressReports.Report> pendingProgress = new AtomicReference<>();
    volatile boolean progressInFlight;
    volatile boolean progressSent;
    /** When (clock nanos) the next report may go out, once one was sent. */
    volatile long progressNotBefore;

    RunningJob(WorkerJob job, Worker worker) {
        this.job = job;
        this.worker = worker;
    }

    boolean claim(Outcome o) {
        return outcome.compareAndSet(null, o);
    }

    Outcome outcome() {
        return outcome.get();
    }

    /** Whether heartbeats must still extend this job's lease. */
    boolean wantsLease() {
        Outcome o = outcome.get();
        return !serverDone && (o == null || o.kind() != Kind.DROP);
    }

    void markCancelled() {
        cancelled = true;
    }

    void settleRefused(long nowNanos, Duration retryAfter) {
        settleNotBefore = retryAfter == null ? nowNanos : nowNanos + retryAfter.toNanos();
    }

    boolean releasePermitOnce() {
        return permitReleased.compareAndSet(false, true);
    }

    @Override
    public String jobId() {
        return job.id();
    }

    @Override
    public String jobType() {
        return job.type();
    }

    @Override
    public String queue() {
        return job.queue();
    }

    @Override
    public int attempt() {
        return job.attempt();
    }

    @Override
    public int maxAttempts() {
        return job.maxAttempts();
    }

    @Override
    public JsonArray args() {
        return job.args();
    }

    @Override
    public JsonObject meta() {
        return job.meta();
    }

    @Override
    public Optional<String> workflowId() {
        return Optional.ofNullable(job.workflowId());
    }

    @Override
    public JsonValue parentResults() {
        return job.parentResults();
    }

    @Override
    public String workerId() {
        return worker.settings().workerId();
    }

    @Override
    public void heartbeat() {
        worker.requestHeartbeat();
    }

    @Override
    public void progress(double fraction, String message) {
        worker.reportProgress(this, fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return job.type() + " job " + job.id();
    }
}
