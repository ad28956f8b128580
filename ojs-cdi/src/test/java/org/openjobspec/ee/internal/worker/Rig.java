package org.openjobspec.ee.internal.worker;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openjobspec.ee.internal.worker.WorkerSettings.HandlerLimits;

/** A worker wired to a virtual clock, a manual executor, a scripted server and scripted handlers. */
final class Rig implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration GRACE = Duration.ofSeconds(10);

    final VirtualClock clock = new VirtualClock();
    final ManualExecutor executor = new ManualExecutor();
    final ScriptedTransport server = new ScriptedTransport(clock);
    final ScriptedDispatcher handlers;
    final Worker worker;
    final long startedAt;

    Rig(int concurrency, ScriptedDispatcher handlers, Map<String, HandlerLimits> limits) {
        this.handlers = handlers;
        WorkerSettings settings = new WorkerSettings(List.of("default"), concurrency, POLL, HEARTBEAT, GRACE,
                Duration.ofSeconds(30), "w-test", Map.of(), Duration.ofSeconds(30), limits, false);
        this.worker = new Worker(settings, server, handlers, executor, clock);
        this.startedAt = clock.nanoTime();
    }

    Rig(int concurrency, String... handledTypes) {
        this(concurrency, new ScriptedDispatcher(handledTypes), Map.of());
    }

    static WorkerJob job(String id, String type) {
        return new WorkerJob(id, type, "default", 1, 3, null, null, null, null);
    }

    Rig ready(String type, String... ids) {
        Arrays.stream(ids).map(id -> job(id, type)).forEach(server.ready::add);
        return this;
    }

    /** Starts the worker, puts its coordinator on a thread and lets it do its first round (the first fetch). */
    Rig start() throws InterruptedException {
        worker.start();
        executor.startThread(clock.coordinator(executor.poll()), "coordinator");
        clock.awaitIdle();
        return this;
    }

    /**
     * Runs the queued handler tasks (and those they queue) on this thread with the coordinator held at rest, then
     * lets it react to all they did at once.
     */
    void runHandlers() throws InterruptedException {
        clock.runAtRest(() -> {
            for (Runnable task; (task = executor.poll()) != null; ) {
                task.run();
            }
        });
    }

    void advance(Duration d) throws InterruptedException {
        clock.advance(d);
        clock.awaitIdle();
    }

    void advanceTo(Duration fromStart) throws InterruptedException {
        Duration left = fromStart.minus(clock.since(startedAt));
        if (left.isNegative()) {
            throw new AssertionError("the clock is already past " + fromStart);
        }
        clock.advance(left);
        clock.awaitIdle();
    }

    Duration at(long nanos) {
        return Duration.ofNanos(nanos - startedAt);
    }

    boolean awaitStopped() throws InterruptedException {
        return worker.awaitStopped(VirtualClock.STUCK);
    }

    @Override
    public void close() throws InterruptedException {
        if (worker.state() == Worker.State.NEW) {
            worker.stop();
        }
        worker.requestStop();
        // clean-up only: whatever a failed test left behind, push the clock until the drain is over
        for (int i = 0; i < 100 && !worker.awaitStopped(Duration.ofMillis(10)); i++) {
            clock.advance(GRACE);
        }
        executor.close();
    }
}
