package org.openjobspec.ee.jta.internal.core;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsDuplicateException;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.internal.worker.Backoff;

import static org.openjobspec.ee.jta.internal.Messages.TX_0010;
import static org.openjobspec.ee.jta.internal.Messages.TX_0011;
import static org.openjobspec.ee.jta.internal.Messages.TX_0012;
import static org.openjobspec.ee.jta.internal.Messages.TX_0013;
import static org.openjobspec.ee.jta.internal.Messages.TX_0014;
import static org.openjobspec.ee.jta.internal.Messages.TX_0015;
import static org.openjobspec.ee.jta.internal.Messages.TX_0016;

/**
 * Sends committed outbox rows to the OJS server. Each pass is one task on the executor: claim the oldest pending
 * rows, up to {@link #BATCHES_PER_CLAIM} batches (FOR UPDATE SKIP LOCKED, so relays of several application
 * instances share the table without sending a row twice at once), send them batch after batch, delete them (or mark
 * them sent) and commit. The next pass follows at once while full claims come back, else on a wake-up (a commit
 * that wrote rows) or after the poll interval.
 * Between passes the relay holds no executor thread (the executor is shared with the worker's handlers, and a
 * small managed pool must not lose a thread to a relay that waits): the JDK's delay timer only submits the next
 * pass. At most one pass is queued or running at a time.
 *
 * <p>The job id is fixed in the row, so a row sent again after a crash between send and commit is answered
 * 409 duplicate: that counts as sent. A batch the server refuses as a whole for a reason of one row (a duplicate,
 * a validation error) is sent again row by row, so each duplicate counts as sent and each rejected row is marked
 * failed without holding up the rows behind it. While the server is unreachable or answers 5xx/429 the claim is
 * rolled back (every row kept) and the relay backs off, at least the server's Retry-After.
 */
public final class OutboxRelay {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** Batches per claim: enough to spread a claim's database round trips thin, few enough to hold little. */
    static final int BATCHES_PER_CLAIM = 10;

    /** Relay settings; a zero retention deletes rows as soon as they are sent. */
    public record Settings(int batchSize, Duration pollInterval, Duration backoffMax, Duration retention) {
    }

    private final OutboxStore store;
    private final OjsClient client;
    private final Settings settings;
    private final Object lock = new Object();
    // guarded by lock
    private Executor executor;
    private ClassLoader loader;
    private boolean running;
    private boolean busy;
    private boolean again;
    private boolean timed;
    private long due;
    private boolean armed;
    private long armedFor;
    private long timer;
    // a stop ends a claim after the batch in flight; the claim's other rows stay pending
    private volatile boolean stopping;
    // passes only (one at a time, handed over through lock)
    private final Backoff backoff;
    private Instant lastPrune = Instant.EPOCH;

    public OutboxRelay(OutboxStore store, OjsClient client, Settings settings) {
        this.store = store;
        this.client = client;
        this.settings = settings;
        // the first wait after a failure is twice the poll interval (never above the cap)
        Duration first = settings.pollInterval().multipliedBy(2);
        this.backoff = new Backoff(first.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : first,
                settings.backoffMax());
    }

    /**
     * Starts relaying on {@code executor}. Passes run with the starting thread's context class loader, since a
     * timed pass is submitted from the JDK's timer thread, which has none of the application's context.
     */
    public void start(Executor executor) {
        LOG.log(Level.INFO, TX_0010 + ": outbox relay started (batches of {0}, poll {1})", settings.batchSize(),
                settings.pollInterval());
        synchronized (lock) {
            this.executor = executor;
            loader = Thread.currentThread().getContextClassLoader();
            running = true;
            stopping = false;
            submit();
        }
    }

    /** Makes the relay look for rows now instead of at the end of its wait. */
    public void wake() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            if (busy) {
                again = true;
            } else {
                submit();
            }
        }
    }

    /**
     * Stops claiming and waits up to {@code grace} for the pass in flight; returns whether it ended in time.
     * Rows not sent stay pending for the next start.
     */
    public boolean stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        stopping = true;
        synchronized (lock) {
            boolean wasRunning = running;
            running = false;
            try {
                while (busy) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.log(Level.WARNING, TX_0015 + ": the outbox relay did not finish its batch within {0}; "
                                + "its rows stay pending and are sent again at the next start (the server answers "
                                + "duplicate)", grace);
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (wasRunning) {
                LOG.log(Level.INFO, TX_0011 + ": outbox relay stopped");
            }
            return true;
        }
    }

    /** Holding lock: queues a pass; a timed pass is no longer due. */
    private void submit() {
        busy = true;
        again = false;
        timed = false;
        try {
            executor.execute(this::pass);
        } catch (RejectedExecutionException e) {
            busy = false;
            lock.notifyAll();
            LOG.log(Level.WARNING, TX_0013 + ": outbox relay: the executor rejected its pass (" + e + "); rows kept, "
                    + "next try in " + settings.pollInterval());
            later(settings.pollInterval());
        }
    }

    /**
     * Holding lock: a pass is due after {@code wait}. One timer is live at a time (a wake-up does not cancel it, it
     * finds nothing due and lapses), so frequent wake-ups do not pile timers up in the JDK's delay queue.
     */
    private void later(Duration wait) {
        timed = true;
        due = System.nanoTime() + wait.toNanos();
        if (!armed || armedFor - due > 0) {
            arm();
        }
    }

    private void arm() {
        armed = true;
        armedFor = due;
        long id = ++timer;
        CompletableFuture.delayedExecutor(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)
                .execute(() -> tick(id));
    }

    private void tick(long id) {
        synchronized (lock) {
            if (id != timer) {
                return;
            }
            armed = false;
            if (!running || busy || !timed) {
                return;
            }
            if (due - System.nanoTime() > 0) {
                arm();
            } else {
                submit();
            }
        }
    }

    private void pass() {
        ClassLoader context;
        synchronized (lock) {
            if (!running) {
                busy = false;
                lock.notifyAll();
                return;
            }
            context = loader;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(context);
        Duration wait = settings.pollInterval(); // kept if an Error ends the pass: the relay goes on
        try {
            wait = relayAndWait();
        } finally {
            thread.setContextClassLoader(previous);
            synchronized (lock) {
                busy = false;
                if (!running) {
                    lock.notifyAll();
                } else if (again || wait.isZero()) {
                    submit();
                } else {
                    later(wait);
                }
            }
        }
    }

    /** One claim and its follow-ups; returns how long to wait before the next. */
    private Duration relayAndWait() {
        try {
            int claimed = relayOnce();
            if (backoff.failures() > 0) {
                LOG.log(Level.INFO, TX_0016 + ": the OJS server takes outbox rows again after {0} failed attempts",
                        backoff.failures());
                backoff.reset();
            }
            prune();
            return claimed == settings.batchSize() * BATCHES_PER_CLAIM ? Duration.ZERO : settings.pollInterval();
        } catch (OjsException e) {
            Duration wait = backoff.nextDelay(e.retryAfter().orElse(null));
            LOG.log(backoff.failures() == 1 ? Level.WARNING : Level.DEBUG, TX_0012 + ": the OJS server did not "
                    + "take outbox rows ({0}: {1}); rows kept, next try in {2}", e.getClass().getSimpleName(),
                    e.getMessage(), wait);
            return wait;
        } catch (SQLException | RuntimeException e) {
            Duration wait = backoff.nextDelay(null);
            LOG.log(Level.WARNING, TX_0013 + ": outbox relay: " + e + "; rows kept, next try in " + wait, e);
            return wait;
        }
    }

    /**
     * One claim of up to {@link #BATCHES_PER_CLAIM} batches, sent one after the other: returns how many rows it
     * claimed. Claiming several batches at once spends the claim's, delete's and commit's round trips to the
     * database once for all of them. When the server fails or the relay stops mid-way, the rows already sent are
     * committed as sent and the rest stay pending, in order.
     */
    int relayOnce() throws SQLException {
        try (OutboxStore.Claim claim = store.claim(settings.batchSize() * BATCHES_PER_CLAIM)) {
            List<OutboxStore.Row> rows = claim.rows();
            if (rows.isEmpty()) {
                return 0;
            }
            List<OutboxStore.Row> sent = new ArrayList<>(rows.size());
            try {
                for (int from = 0; from < rows.size() && !stopping; from += settings.batchSize()) {
                    send(claim, rows.subList(from, Math.min(rows.size(), from + settings.batchSize())), sent);
                }
            } catch (OjsException e) {
                claim.sent(sent, keep());
                claim.commit();
                throw e;
            }
            claim.sent(sent, keep());
            claim.commit();
            return rows.size();
        }
    }

    /** Sends {@code rows} as one batch; adds those the server took to {@code sent}. */
    private void send(OutboxStore.Claim claim, List<OutboxStore.Row> rows, List<OutboxStore.Row> sent)
            throws SQLException {
        List<OutboxStore.Row> sendable = new ArrayList<>(rows.size());
        List<JobSpec> jobs = new ArrayList<>(rows.size());
        for (OutboxStore.Row row : rows) {
            try {
                jobs.add(claim.job(row));
                sendable.add(row);
            } catch (IllegalArgumentException e) {
                reject(claim, row, e.getMessage());
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        try {
            client.enqueueBatch(jobs);
            sent.addAll(sendable);
        } catch (OjsDuplicateException | OjsValidationException e) {
            oneByOne(claim, sendable, jobs, sent);
        }
    }

    /** Sends rows singly, after the server refused their batch for the sake of one of them. */
    private void oneByOne(OutboxStore.Claim claim, List<OutboxStore.Row> rows, List<JobSpec> jobs,
            List<OutboxStore.Row> sent) throws SQLException {
        for (int i = 0; i < rows.size(); i++) {
            OutboxStore.Row row = rows.get(i);
            try {
                client.enqueue(jobs.get(i));
                sent.add(row);
            } catch (OjsDuplicateException e) {
                sent.add(row);
            } catch (OjsValidationException e) {
                reject(claim, row, e.getMessage());
            }
        }
    }

    private static void reject(OutboxStore.Claim claim, OutboxStore.Row row, String error) throws SQLException {
        LOG.log(Level.WARNING, TX_0014 + ": outbox row {0} (job {1}, {2}) marked failed: {3}; list it with "
                + "OjsOutbox.failed() and retry it with OjsOutbox.retry(jobId)", row.id(), row.jobId(), row.type(), error);
        claim.failed(row, error);
    }

    private boolean keep() {
        return !settings.retention().isZero();
    }

    private void prune() throws SQLException {
        Instant now = Instant.now();
        if (keep() && Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
            lastPrune = now;
            store.pruneSent(now.minus(settings.retention()));
        }
    }
}
