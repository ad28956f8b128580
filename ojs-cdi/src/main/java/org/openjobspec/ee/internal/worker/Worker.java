package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjobspec.ee.internal.worker.RunningJob.Kind;
import org.openjobspec.ee.internal.worker.RunningJob.Outcome;
import org.openjobspec.ee.internal.worker.WorkerSettings.HandlerLimits;

import static org.openjobspec.ee.internal.Messages.WRK_0001;
import static org.openjobspec.ee.internal.Messages.WRK_0002;
import static org.openjobspec.ee.internal.Messages.WRK_0003;
import static org.openjobspec.ee.internal.Messages.WRK_0004;
import static org.openjobspec.ee.internal.Messages.WRK_0005;
import static org.openjobspec.ee.internal.Messages.WRK_0006;
import static org.openjobspec.ee.internal.Messages.WRK_0007;
import static org.openjobspec.ee.internal.Messages.WRK_0008;
import static org.openjobspec.ee.internal.Messages.WRK_0009;
import static org.openjobspec.ee.internal.Messages.WRK_0010;
import static org.openjobspec.ee.internal.Messages.WRK_0011;
import static org.openjobspec.ee.internal.Messages.WRK_0012;
import static org.openjobspec.ee.internal.Messages.WRK_0013;
import static org.openjobspec.ee.internal.Messages.WRK_0014;
import static org.openjobspec.ee.internal.Messages.WRK_0015;
import static org.openjobspec.ee.internal.Messages.WRK_0016;
import static org.openjobspec.ee.internal.Messages.WRK_0017;
import static org.openjobspec.ee.internal.Messages.WRK_0018;
import static org.openjobspec.ee.internal.Messages.WRK_0019;
import static org.openjobspec.ee.internal.Messages.WRK_0020;
import static org.openjobspec.ee.internal.Messages.WRK_0021;
import static org.openjobspec.ee.internal.Messages.WRK_0022;
import static org.openjobspec.ee.internal.Messages.WRK_0045;

/**
 * The OJS worker engine: fetch, dispatch, ack/nack, heartbeat, directives, backoff, handlers' progress reports and
 * graceful shutdown, with no container types. One coordinator task runs on the given executor for the worker's lifetime; it never sleeps
 * blindly but waits on a condition with a deadline (next heartbeat, next poll, next timeout), so a finishing job
 * or a stop request wakes it at once. Handlers run as separate tasks on the same executor. With
 * {@link WorkerSettings#wakeOnEvents()} the transport's queue watch is one more wake-up: a job enqueued on an idle
 * worker is fetched at once rather than at the next poll, which stays as the safety net.
 *
 * <p>Invariants: at most {@code concurrency} jobs are held (fetched and not yet given back), since each fetch asks
 * for exactly the free slots; exactly one outcome is claimed per held job, so nothing is acknowledged twice; every
 * held job is in each heartbeat until the server has it back, so a long job keeps its lease.
 */
public final class Worker {

    public enum State { NEW, RUNNING, QUIET, DRAINING, STOPPED }

    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);
    private static final long NEVER = Clock.NEVER;

    private final WorkerSettings settings;
    private final WorkerTransport transport;
    private final JobDispatcher dispatcher;
    private final ExecutorService executor;
    private final Clock clock;

    private final Map<String, RunningJob> held = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> typePermits = new ConcurrentHashMap<>();
    private final Queue<RunningJob> unsettled = new ConcurrentLinkedQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger maxHeld = new AtomicInteger();
    /** When (clock nanos) the server last answered a call with success; NEVER until it has. */
    private final AtomicLong lastContact = new AtomicLong(NEVER);
    private final Backoff fetchBackoff;
    private final Backoff settleBackoff;
    private final ProgressReports progress;

    private volatile State state = State.NEW;
    private volatile boolean stopRequested;
    private volatile boolean terminateRequested;
    private volatile boolean heartbeatRequested;
    private volatile boolean queueActivity;
    private volatile Future<?> coordinator;
    private volatile long startedAt = NEVER; // clock nanos; NEVER until started
    private volatile long loopProgress; // when (clock nanos) the coordinator loop last went round
    private int heartbeatFailures; // coordinator thread only

    public Worker(WorkerSettings settings, WorkerTransport transport, JobDispatcher dispatcher,
                  ExecutorService executor) {
        this(settings, transport, dispatcher, executor, new Clock());
    }

    Worker(WorkerSettings settings, WorkerTransport transport, JobDispatcher dispatcher, ExecutorService executor,
           Clock clock) {
        this.settings = settings;
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.clock = clock;
        this.fetchBackoff = new Backoff(BACKOFF_INITIAL, settings.backoffMax());
        this.settleBackoff = new Backoff(BACKOFF_INITIAL, settings.backoffMax());
        this.progress = new ProgressReports(transport, executor, clock, settings.workerId());
    }

    public WorkerSettings settings() {
        return settings;
    }

    public State state() {
        return state;
    }

    /** Jobs held right now: fetched and not yet given back to the server. */
    public int heldJobs() {
        return held.size();
    }

    /** The most jobs ever held at once (never above the concurrency). */
    public int maxHeldJobs() {
        return maxHeld.get();
    }

    /** A snapshot of what health checks need, read from memory: no call to the server. */
    public WorkerVitals vitals() {
        State s = state;
        long now = clock.nanoTime();
        long contact = lastContact.get();
        long start = startedAt;
        boolean started = start != NEVER;
        Instant lastServerContact = contact == NEVER ? null : clock.instant().minusNanos(now - contact);
        Duration sinceContact = !started ? Duration.ZERO
                : Duration.ofNanos(now - (contact == NEVER ? start : contact));
        Duration sinceProgress = started ? Duration.ofNanos(now - loopProgress) : Duration.ZERO;
        return new WorkerVitals(settings.workerId(), s, held.size(), settings.concurrency(), lastServerContact,
                sinceContact, sinceProgress);
    }

    /** Notes that the server has just answered a call with success (any thread). */
    private void serverAnswered() {
        long now = clock.nanoTime();
        lastContact.accumulateAndGet(now, (last, t) -> last == NEVER || t - last > 0 ? t : last);
    }

    public synchronized void start() {
        if (state != State.NEW) {
            return;
        }
        long now = clock.nanoTime();
        loopProgress = now;
        startedAt = now;
        state = State.RUNNING;
        coordinator = executor.submit(this::coordinate);
        LOG.log(Level.INFO, WRK_0001 + ": worker ''{0}'' started: queues {1}, concurrency {2}",
                settings.workerId(), settings.queues(), settings.concurrency());
    }

    /**
     * Stops gracefully and returns when done: no more fetching, heartbeats continue while held jobs finish within
     * the grace period, then whatever is left is released to the server ({@code requeue: true}).
     */
    public void stop() {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.STOPPED;
                finished.countDown();
                return;
            }
        }
        requestStop();
        try {
            // the coordinator itself bounds the drain by the grace period; the margin covers in-flight HTTP calls
            if (!finished.await(settings.gracePeriod().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, WRK_0020 + ": worker ''{0}'' did not stop in time; abandoning it",
                        settings.workerId());
                Future<?> c = coordinator;
                if (c != null) {
                    c.cancel(true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the graceful stop without waiting for it. */
    void requestStop() {
        stopRequested = true;
        clock.wake();
    }

    /** Waits until the worker has stopped (after {@link #stop()} or a terminate directive). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onQueueActivity() {
        queueActivity = true;
        clock.wake();
    }

    /** A handler's {@link org.openjobspec.ee.JobContext#progress} call: never blocks, never throws. */
    void reportProgress(RunningJob rj, double fraction, String message) {
        progress.report(rj, fraction, message);
    }

    void requestHeartbeat() {
        heartbeatRequested = true;
        clock.wake();
    }

    // ---------------------------------------------------------------- the coordinator

    private void coordinate() {
        long now = clock.nanoTime();
        long nextFetch = now;
        long nextHeartbeat = now + settings.heartbeatInterval().toNanos();
        long nextSettleRetry = NEVER;
        long drainDeadline = NEVER;
        WorkerTransport.Watch watch = WorkerTransport.Watch.NONE;
        try {
            watch = watchQueues();
            while (true) {
                now = clock.nanoTime();
                loopProgress = now;
                if ((stopRequested || terminateRequested) && state != State.DRAINING) {
                    state = State.DRAINING;
                    drainDeadline = now + settings.gracePeriod().toNanos();
                    heartbeatRequested = true;
                    LOG.log(Level.INFO, WRK_0008 + ": worker ''{0}'' stopping: draining {1} job(s) within {2}",
                            settings.workerId(), held.size(), settings.gracePeriod());
                }
                if (state == State.DRAINING) {
                    if (held.isEmpty()) {
                        break;
                    }
                    if (now - drainDeadline >= 0) {
                        releaseRemaining();
                        break;
                    }
                }
                if (heartbeatRequested || now - nextHeartbeat >= 0) {
                    heartbeatRequested = false;
                    beat();
                    nextHeartbeat = clock.nanoTime() + settings.heartbeatInterval().toNanos();
                    if (terminateRequested && state != State.DRAINING) {
                        continue; // the server said terminate: drain from now on, not after one more fetch
                    }
                }
                if (!unsettled.isEmpty()) {
                    if (nextSettleRetry == NEVER) { // a settlement just failed on a handler's thread: back off first
                        nextSettleRetry = now + settleBackoff.nextDelay(null).toNanos();
                    }
                    // a Retry-After that came after the retry was planned still holds
                    nextSettleRetry = afterRetryAfters(nextSettleRetry);
                    if (now - nextSettleRetry >= 0) {
                        nextSettleRetry = retrySettlements();
                    }
                }
                long nextTimeout = enforceTimeouts(now);
                long nextProgress = progress.sendDue(held.values(), now);
                if (queueActivity) {
                    queueActivity = false;
                    if (fetchBackoff.failures() == 0) { // a failing or rate-limited fetch keeps its backoff
                        nextFetch = now;
                    }
                }
                boolean canFetch = state == State.RUNNING && held.size() < settings.concurrency();
                if (canFetch && now - nextFetch >= 0) {
                    nextFetch = fetch(settings.concurrency() - held.size());
                    canFetch = state == State.RUNNING && held.size() < settings.concurrency();
                }
                long wakeAt = earliest(nextHeartbeat, nextSettleRetry, nextTimeout, nextProgress, drainDeadline);
                if (canFetch) {
                    wakeAt = earliest(wakeAt, nextFetch);
                }
                clock.awaitUntil(wakeAt);
            }
            farewell();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            releaseRemaining();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, WRK_0017 + ": worker ''" + settings.workerId() + "'' failed; releasing its jobs", t);
            releaseRemaining();
        } finally {
            closeQuietly(watch);
            state = State.STOPPED;
            LOG.log(Level.INFO, WRK_0016 + ": worker ''{0}'' stopped", settings.workerId());
            finished.countDown();
        }
    }

    private WorkerTransport.Watch watchQueues() {
        if (!settings.wakeOnEvents()) {
            return WorkerTransport.Watch.NONE;
        }
        try {
            return transport.watchQueues(settings.queues(), executor, this::onQueueActivity);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, WRK_0045 + ": cannot watch queues {0} for new jobs; polling every {1} ms: {2}",
                    settings.queues(), settings.pollInterval().toMillis(), e.toString());
            return WorkerTransport.Watch.NONE;
        }
    }

    private static void closeQuietly(WorkerTransport.Watch watch) {
        try {
            watch.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the queue watch failed", e);
        }
    }

    private static long earliest(long... deadlines) {
        long min = NEVER;
        for (long d : deadlines) {
            if (d != NEVER && (min == NEVER || d - min < 0)) {
                min = d;
            }
        }
        return min;
    }

    private long fetch(int free) {
        List<WorkerJob> jobs;
        try {
            jobs = transport.fetch(settings.queues(), free, settings.workerId(), settings.visibilityTimeout().toMillis());
        } catch (TransportException | RuntimeException e) {
            Duration retryAfter = e instanceof TransportException te ? te.retryAfter() : null;
            Duration delay = fetchBackoff.nextDelay(retryAfter);
            if (fetchBackoff.failures() == 1 || fetchBackoff.failures() % 20 == 0) {
                LOG.log(Level.WARNING, WRK_0002 + ": fetch failed ({0} in a row), retrying in {1} ms: {2}",
                        fetchBackoff.failures(), delay.toMillis(), e.getMessage());
            }
            return clock.nanoTime() + delay.toNanos();
        }
        serverAnswered();
        if (fetchBackoff.failures() > 0) {
            LOG.log(Level.INFO, WRK_0003 + ": OJS server reachable again after {0} failed fetch(es)",
                    fetchBackoff.failures());
            fetchBackoff.reset();
        }
        int accepted = 0;
        for (WorkerJob job : jobs) {
            if (accepted < free) {
                accept(job);
                accepted++;
            } else {
                LOG.log(Level.WARNING, WRK_0018 + ": server sent more jobs than asked for; releasing {0}", job.id());
                RunningJob extra = new RunningJob(job, this);
                extra.handlerDone = true;
                extra.claim(new Outcome(Kind.RELEASE, null, shutdownFailure("more jobs than asked for")));
                settleQuietly(extra);
            }
        }
        // a full batch suggests more jobs are waiting: fetch again as soon as a slot frees; otherwise poll later
        return jobs.size() >= free ? clock.nanoTime() : clock.nanoTime() + settings.pollInterval().toNanos();
    }

    private void accept(WorkerJob job) {
        RunningJob rj = new RunningJob(job, this);
        held.put(job.id(), rj);
        maxHeld.accumulateAndGet(held.size(), Math::max);
        if (!dispatcher.handles(job.type())) {
            LOG.log(Level.WARNING, WRK_0014 + ": no @JobHandler for job type ''{0}'' (job {1}); failing it retryable",
                    job.type(), job.id());
            rj.handlerDone = true;
            rj.claim(new Outcome(Kind.NACK, null, new Failure(Failure.HANDLER_NOT_FOUND, Failure.HANDLER_NOT_FOUND,
                    "No handler for job type '" + job.type() + "' in worker " + settings.workerId(), true, null)));
            settle(rj);
            return;
        }
        try {
            rj.future = executor.submit(() -> execute(rj));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, WRK_0019 + ": executor rejected job {0}; releasing it", job.id());
            rj.handlerDone = true;
            rj.claim(new Outcome(Kind.RELEASE, null, shutdownFailure("executor rejected the job")));
            settle(rj);
        }
    }

    // ---------------------------------------------------------------- running a job

    private void execute(RunningJob rj) {
        Semaphore permit = permitFor(rj.job.type());
        try {
            if (permit != null) {
                permit.acquire();
            }
            if (rj.outcome() != null) { // released or dropped while waiting
                finish(rj, permit, null, null);
                return;
            }
            HandlerLimits limits = settings.limitsFor(rj.job.type());
            if (limits != null && limits.timeout() != null) {
                rj.deadlineNanos = clock.nanoTime() + limits.timeout().toNanos();
                clock.wake();
            }
            CompletionStage<JsonValue> stage = dispatcher.dispatch(rj.job, rj);
            CompletableFuture<JsonValue> cf = stage.toCompletableFuture();
            if (cf.isDone()) {
                JsonValue result = null;
                Throwable error = null;
                try {
                    result = cf.join();
                } catch (Throwable t) {
                    error = t;
                }
                finish(rj, permit, result, error);
            } else {
                cf.whenCompleteAsync((result, error) -> finish(rj, permit, result, error), executor);
            }
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            finish(rj, permit, null, t);
        }
    }

    private Semaphore permitFor(String type) {
        HandlerLimits limits = settings.limitsFor(type);
        if (limits == null || limits.concurrency() == null || limits.concurrency() >= settings.concurrency()) {
            return null;
        }
        return typePermits.computeIfAbsent(type, t -> new Semaphore(limits.concurrency()));
    }

    private void finish(RunningJob rj, Semaphore permit, JsonValue result, Throwable error) {
        if (permit != null && rj.releasePermitOnce()) {
            permit.release();
        }
        rj.handlerDone = true;
        Outcome outcome = error == null
                ? new Outcome(Kind.ACK, result, null)
                : new Outcome(Kind.NACK, null, Failures.of(error));
        if (rj.claim(outcome)) {
            settle(rj);
        } else {
            LOG.log(Level.DEBUG, WRK_0021 + ": {0} ended after it was {1}; its outcome is discarded",
                    rj, rj.outcome().kind());
            freeIfDone(rj);
        }
    }

    // ---------------------------------------------------------------- settling with the server

    private void settle(RunningJob rj) {
        try {
            send(rj);
            rj.serverDone = true;
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.UNAVAILABLE && state != State.STOPPED) {
                LOG.log(Level.DEBUG, WRK_0012 + ": could not settle {0} yet ({1}); will retry", rj, e.getMessage());
                rj.settleRefused(clock.nanoTime(), e.retryAfter());
                unsettled.add(rj);
                clock.wake();
                return;
            }
            abandon(rj, e);
        } catch (RuntimeException e) {
            abandon(rj, e);
        }
        freeIfDone(rj);
    }

    private void settleQuietly(RunningJob rj) {
        try {
            send(rj);
        } catch (TransportException | RuntimeException e) {
            abandon(rj, e);
        }
        rj.serverDone = true;
    }

    private void send(RunningJob rj) throws TransportException {
        Outcome o = rj.outcome();
        switch (o.kind()) {
            case ACK -> transport.ack(rj.job.id(), o.result());
            case NACK -> transport.nack(rj.job.id(), o.failure(), false);
            case RELEASE -> transport.nack(rj.job.id(), o.failure(), true);
            case DROP -> {
                return;
            }
        }
        serverAnswered();
    }

    private void abandon(RunningJob rj, Exception e) {
        rj.serverDone = true;
        if (e instanceof TransportException te && te.kind() == TransportException.Kind.GONE) {
            LOG.log(Level.INFO, WRK_0011 + ": {0} is no longer ours on the server ({1}); nothing sent",
                    rj, e.getMessage());
        } else {
            LOG.log(Level.WARNING, WRK_0013 + ": could not report {0} ({1}: {2}); the server will deliver it again "
                    + "when its lease ends", rj, rj.outcome().kind(), e.getMessage());
        }
    }

    private void freeIfDone(RunningJob rj) {
        if (rj.handlerDone && rj.serverDone && held.remove(rj.job.id(), rj)) {
            clock.wake();
        }
    }

    private long retrySettlements() {
        int n = unsettled.size();
        boolean failed = false;
        for (int i = 0; i < n; i++) {
            RunningJob rj = unsettled.poll();
            if (rj == null) {
                break;
            }
            try {
                send(rj);
                rj.serverDone = true;
                freeIfDone(rj);
            } catch (TransportException e) {
                if (e.kind() == TransportException.Kind.UNAVAILABLE) {
                    rj.settleRefused(clock.nanoTime(), e.retryAfter());
                    unsettled.add(rj);
                    failed = true;
                } else {
                    abandon(rj, e);
                    freeIfDone(rj);
                }
            } catch (RuntimeException e) {
                abandon(rj, e);
                freeIfDone(rj);
            }
        }
        if (!failed) {
            settleBackoff.reset();
            return NEVER;
        }
        return afterRetryAfters(clock.nanoTime() + settleBackoff.nextDelay(null).toNanos());
    }

    /** {@code planned}, or later if the server asked (Retry-After) not to hear sooner about a job to settle. */
    private long afterRetryAfters(long planned) {
        long at = planned;
        for (RunningJob rj : unsettled) {
            long notBefore = rj.settleNotBefore;
            if (notBefore - at > 0) {
                at = notBefore;
            }
        }
        return at;
    }

    // ---------------------------------------------------------------- heartbeats, directives, timeouts, drain

    private void beat() {
        List<String> ids = new ArrayList<>();
        for (RunningJob rj : held.values()) {
            if (rj.wantsLease()) {
                ids.add(rj.job.id());
            }
        }
        String reportedState = switch (state) {
            case QUIET -> "quiet";
            case DRAINING, STOPPED -> "terminate";
            default -> "running";
        };
        HeartbeatReply reply;
        try {
            reply = transport.heartbeat(settings.workerId(), ids, settings.visibilityTimeout().toMillis(),
                    reportedState);
        } catch (TransportException | RuntimeException e) {
            // the protocol says: keep the current state and try again at the next interval
            heartbeatFailures++;
            LOG.log(heartbeatFailures == 1 ? Level.WARNING : Level.DEBUG,
                    WRK_0004 + ": heartbeat failed ({0} in a row): {1}", heartbeatFailures, e.getMessage());
            return;
        }
        serverAnswered();
        heartbeatFailures = 0;
        if (reply.jobsExtended() != null) {
            for (String id : ids) {
                RunningJob rj = held.get(id);
                if (rj != null && !reply.jobsExtended().contains(id)
                        && rj.claim(new Outcome(Kind.DROP, null, null))) {
                    rj.markCancelled();
                    rj.serverDone = true;
                    LOG.log(Level.INFO, WRK_0010 + ": {0} was cancelled or taken back by the server; "
                            + "its handler is told and its outcome will not be reported", rj);
                    freeIfDone(rj);
                }
            }
        }
        switch (reply.toDirective()) {
            case QUIET -> {
                if (state == State.RUNNING) {
                    state = State.QUIET;
                    LOG.log(Level.INFO, WRK_0005 + ": server asked worker ''{0}'' to be quiet: fetching paused",
                            settings.workerId());
                }
            }
            case TERMINATE -> {
                if (!terminateRequested && state != State.DRAINING) {
                    terminateRequested = true;
                    LOG.log(Level.INFO, WRK_0007 + ": server asked worker ''{0}'' to terminate", settings.workerId());
                }
            }
            case CONTINUE -> {
                if (state == State.QUIET) {
                    state = State.RUNNING;
                    LOG.log(Level.INFO, WRK_0006 + ": worker ''{0}'' no longer quiet: fetching resumed",
                            settings.workerId());
                }
            }
        }
    }

    private long enforceTimeouts(long now) {
        long next = NEVER;
        for (RunningJob rj : held.values()) {
            long deadline = rj.deadlineNanos;
            if (deadline == 0 || rj.outcome() != null) {
                continue;
            }
            if (now - deadline >= 0) {
                Duration limit = settings.limitsFor(rj.job.type()).timeout();
                if (rj.claim(new Outcome(Kind.NACK, null, new Failure(Failure.TIMEOUT, Failure.TIMEOUT,
                        "Handler did not finish within " + limit, true, null)))) {
                    LOG.log(Level.WARNING, WRK_0015 + ": {0} timed out after {1}; failing it and interrupting "
                            + "its handler", rj, limit);
                    rj.markCancelled();
                    cancel(rj);
                    settle(rj);
                }
            } else {
                next = earliest(next, deadline);
            }
        }
        return next;
    }

    /**
     * The final heartbeat of a stopped worker: state {@code terminate}, no jobs held (graceful-shutdown extension).
     * Skipped when the last heartbeat failed: a server that does not answer should not hold up the stop once more.
     */
    private void farewell() {
        if (heartbeatFailures > 0) {
            return;
        }
        try {
            transport.heartbeat(settings.workerId(), List.of(), settings.visibilityTimeout().toMillis(), "terminate");
            serverAnswered();
        } catch (TransportException | RuntimeException e) {
            LOG.log(Level.DEBUG, WRK_0022 + ": final heartbeat of worker ''{0}'' failed: {1}", settings.workerId(),
                    e.getMessage());
        }
    }

    private void releaseRemaining() {
        List<RunningJob> released = new ArrayList<>();
        for (RunningJob rj : held.values()) {
            if (rj.claim(new Outcome(Kind.RELEASE, null, shutdownFailure("worker stopping")))) {
                rj.markCancelled();
                released.add(rj);
            }
        }
        if (!released.isEmpty()) {
            LOG.log(Level.WARNING, WRK_0009 + ": grace period over: releasing {0} unfinished job(s) to the server",
                    released.size());
        }
        for (RunningJob rj : released) {
            cancel(rj);
            settleQuietly(rj);
        }
        // settlements still failing at this point are left to the lease: the server will deliver those jobs again
        for (RunningJob rj; (rj = unsettled.poll()) != null; ) {
            settleQuietly(rj);
        }
        held.clear();
    }

    private static void cancel(RunningJob rj) {
        Future<?> f = rj.future;
        if (f != null) {
            f.cancel(true);
        }
    }

    private static Failure shutdownFailure(String why) {
        return new Failure(Failure.CANCELLED, "shutdown", "Released unfinished: " + why, true, null);
    }
}
