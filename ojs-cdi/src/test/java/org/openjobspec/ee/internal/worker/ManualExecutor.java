package org.openjobspec.ee.internal.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * An executor that only queues: the test decides when, and on which thread, each task runs. The first task of a
 * worker is its coordinator, which the test puts on a thread of its own; handlers then run when, and where, the
 * test says.
 */
final class ManualExecutor extends AbstractExecutorService {

    private final ConcurrentLinkedDeque<Runnable> queued = new ConcurrentLinkedDeque<>();
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
        queued.add(task);
    }

    int queued() {
        return queued.size();
    }

    /** The oldest queued task, taken off the queue; null if none. */
    Runnable poll() {
        return queued.poll();
    }

    /** Runs the oldest queued task on a new thread of its own. */
    Thread runNextOnThread(String name) {
        Runnable task = queued.poll();
        if (task == null) {
            throw new AssertionError("no task queued");
        }
        return startThread(task, name);
    }

    Thread startThread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
        return t;
    }

    /** Interrupts and joins every thread this executor started (test clean-up). */
    void close() throws InterruptedException {
        List<Thread> started;
        synchronized (threads) {
            started = List.copyOf(threads);
        }
        for (Thread t : started) {
            t.interrupt();
            t.join(VirtualClock.STUCK.toMillis());
        }
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> left = new ArrayList<>(queued);
        queued.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
