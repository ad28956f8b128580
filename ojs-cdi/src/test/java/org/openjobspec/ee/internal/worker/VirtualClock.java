package org.openjobspec.ee.internal.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;

/**
 * A clock that moves only when the test advances it. The coordinator waits on it without any real timeout, and
 * {@link #awaitIdle()} is the positive signal that it has done everything it could at the current instant.
 */
final class VirtualClock extends Clock {

    /** How long a test waits in real time for the coordinator before declaring it stuck (a failure, never a sync). */
    static final Duration STUCK = Duration.ofSeconds(20);

    private final Condition idle = lock.newCondition();
    private volatile long now = 1_000_000_000L;
    private boolean parked; // guarded by lock: the coordinator waits and nothing has nudged it since
    private boolean exited; // guarded by lock: the coordinator has returned

    /** The wall-clock time at which the virtual clock reads zero. */
    static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    long nanoTime() {
        return now;
    }

    @Override
    Instant instant() {
        return ORIGIN.plusNanos(now);
    }

    @Override
    void park(long nanos) throws InterruptedException {
        parked = true;
        idle.signalAll();
        try {
            while (parked && !woken) {
                wake.await();
            }
        } finally {
            parked = false;
        }
    }

    void advance(Duration d) {
        locked(() -> {
            now += d.toNanos();
            parked = false;
            wake.signalAll();
        });
    }

    private void locked(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    /** Virtual time elapsed since {@code startNanos}. */
    Duration since(long startNanos) {
        return Duration.ofNanos(now - startNanos);
    }

    /** Returns once the coordinator waits for the clock with nothing pending, or has exited. */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            awaitIdleLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} while the coordinator is at rest and holds it there until the action is done, so what
     * the action sets off is handled afterwards in one go rather than alongside it.
     */
    void runAtRest(Runnable action) throws InterruptedException {
        lock.lock();
        try {
            awaitIdleLocked();
            action.run();
        } finally {
            lock.unlock();
        }
        awaitIdle();
    }

    private void awaitIdleLocked() throws InterruptedException {
        long left = STUCK.toNanos();
        while ((!parked || woken) && !exited) {
            if (left <= 0) {
                throw new AssertionError("the coordinator did not come to rest within " + STUCK);
            }
            left = idle.awaitNanos(left);
        }
    }

    /** Wraps the coordinator so that its end counts as being at rest. */
    Runnable coordinator(Runnable task) {
        return () -> {
            try {
                task.run();
            } finally {
                locked(() -> {
                    exited = true;
                    idle.signalAll();
                });
            }
        };
    }

    /** Advances in {@code step}s up to {@code total}, letting the coordinator act at every step. */
    void run(Duration total, Duration step) throws InterruptedException {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            advance(step);
            awaitIdle();
        }
    }
}
