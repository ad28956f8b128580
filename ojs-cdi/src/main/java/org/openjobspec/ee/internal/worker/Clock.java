package org.openjobspec.ee.internal.worker;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The coordinator's time and its one way of waiting: until the next deadline or until something happens. It is a
 * class of its own so that the engine's tests can put it on a virtual clock they advance, and see when the
 * coordinator has nothing left to do, instead of sleeping and hoping.
 */
class Clock {

    static final long NEVER = Long.MAX_VALUE;

    final ReentrantLock lock = new ReentrantLock();
    final Condition wake = lock.newCondition();
    boolean woken; // guarded by lock

    long nanoTime() {
        return System.nanoTime();
    }

    /** The wall-clock time, only to tell when something measured on {@link #nanoTime()} happened. */
    Instant instant() {
        return Instant.now();
    }

    void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns at {@code deadlineNanos} (on this clock), or sooner when woken; {@link #NEVER} waits for a wake. */
    void awaitUntil(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!woken) {
                long wait = deadlineNanos == NEVER ? TimeUnit.SECONDS.toNanos(1) : deadlineNanos - nanoTime();
                if (wait <= 0) {
                    break;
                }
                park(wait);
                if (deadlineNanos == NEVER) {
                    break;
                }
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Waits, with the lock held, at most {@code nanos} or until signalled; may return early. */
    void park(long nanos) throws InterruptedException {
        wake.awaitNanos(nanos);
    }
}
