package org.openjobspec.ee.internal.worker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.openjobspec.ee.internal.Messages.WRK_0055;
import static org.openjobspec.ee.internal.Messages.WRK_0056;

/**
 * Carries handlers' progress reports to the server (OJS progress extension). A handler's call only notes the value
 * and wakes the coordinator, so it never waits for HTTP; the coordinator sends at most one report per job per
 * {@link #MIN_INTERVAL} (the extension's advice), the latest value winning, as a task on the worker's executor. A
 * report never affects its job: a failed one is dropped, and a server without the extension (404 or 405) is
 * detected at the first report and not asked again by this worker. A value still waiting when its handler returns
 * is dropped too: the server makes it 1.0 on the ack and keeps the last value it got on a failure.
 */
final class ProgressReports {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    /** One report waiting to be sent. */
    record Report(double fraction, String message) {
    }

    private final WorkerTransport transport;
    private final Executor executor;
    private final Clock clock;
    private final String workerId;
    private final AtomicBoolean unsupported = new AtomicBoolean();
    private final AtomicInteger failuresInARow = new AtomicInteger();

    ProgressReports(WorkerTransport transport, Executor executor, Clock clock, String workerId) {
        this.transport = transport;
        this.executor = executor;
        this.clock = clock;
        this.workerId = workerId;
    }

    /** A handler's report (any thread): noted for the coordinator, never sent from here. */
    void report(RunningJob rj, double fraction, String message) {
        if (unsupported.get() || Double.isNaN(fraction) || rj.outcome() != null) {
            return;
        }
        Report r = new Report(Math.max(0.0, Math.min(1.0, fraction)), message);
        if (rj.pendingProgress.getAndSet(r) == null) {
            clock.wake(); // a job with nothing waiting has something now; later values only replace it
        }
    }

    /**
     * Coordinator: sends the reports that are due and returns when the next one will be ({@link Clock#NEVER} for
     * none). A job whose outcome is claimed drops what it still has waiting.
     */
    long sendDue(Collection<RunningJob> held, long now) {
        long next = Clock.NEVER;
        for (RunningJob rj : held) {
            if (rj.pendingProgress.get() == null || rj.progressInFlight) {
                continue;
            }
            if (unsupported.get() || rj.outcome() != null) {
                rj.pendingProgress.set(null);
                continue;
            }
            if (rj.progressSent && now - rj.progressNotBefore < 0) {
                next = next == Clock.NEVER || rj.progressNotBefore - next < 0 ? rj.progressNotBefore : next;
                continue;
            }
            Report r = rj.pendingProgress.getAndSet(null);
            rj.progressInFlight = true;
            rj.progressSent = true;
            rj.progressNotBefore = now + MIN_INTERVAL.toNanos();
            try {
                executor.execute(() -> send(rj, r));
            } catch (RejectedExecutionException e) {
                rj.progressInFlight = false; // stopping: the report is dropped
            }
        }
        return next;
    }

    private void send(RunningJob rj, Report r) {
        try {
            transport.progress(rj.job.id(), r.fraction(), r.message());
            failuresInARow.set(0);
        } catch (TransportException e) {
            switch (e.kind()) {
                case UNSUPPORTED -> {
                    if (unsupported.compareAndSet(false, true)) {
                        LOG.log(Level.INFO, WRK_0055 + ": the OJS server has no progress endpoint ({0}); worker "
                                + "''{1}'' no longer sends JobContext.progress reports", e.getMessage(), workerId);
                    }
                }
                case GONE -> LOG.log(Level.DEBUG, "progress of {0} not taken: {1}", rj, e.getMessage());
                default -> failed(rj, e);
            }
        } catch (RuntimeException e) {
            failed(rj, e);
        } finally {
            rj.progressInFlight = false;
            if (rj.pendingProgress.get() != null) {
                clock.wake(); // a newer value came while this one was on its way
            }
        }
    }

    private void failed(RunningJob rj, Exception e) {
        int n = failuresInARow.incrementAndGet();
        LOG.log(n == 1 ? Level.WARNING : Level.DEBUG, WRK_0056 + ": progress report of {0} failed ({1} in a row); "
                + "the job goes on: {2}", rj, n, e.getMessage());
    }
}
