package org.openjobspec.ee.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjobspec.ee.internal.worker.ScriptedTransport.Beat;
import org.openjobspec.ee.internal.worker.ScriptedTransport.Fetch;
import org.openjobspec.ee.internal.worker.ScriptedTransport.Settle;
import org.openjobspec.ee.internal.worker.WorkerSettings.HandlerLimits;

/**
 * The engine on its own: a scripted server and handlers, a virtual clock and an executor the test drives. Nothing
 * sleeps and nothing depends on how fast the machine is; every "did not happen" is checked once the coordinator
 * has come to rest after having had its chance.
 */
class WorkerEngineTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void fetchAsksForExactlyTheFreeSlots() throws Exception {
        try (Rig rig = new Rig(3, "t").ready("t", "a", "b", "c", "d", "e").start()) {
            rig.runHandlers();
            assertThat(rig.server.fetches).extracting(Fetch::count).containsExactly(3);
            assertThat(rig.worker.heldJobs()).isEqualTo(3);

            rig.advance(Rig.POLL.multipliedBy(7)); // full: polls and heartbeats come and go, no fetch
            assertThat(rig.server.fetches).hasSize(1);

            rig.handlers.complete("a");
            rig.runHandlers();
            assertThat(rig.server.settled("a")).extracting(Settle::kind).containsExactly("ack");
            assertThat(rig.server.fetches).extracting(Fetch::count).containsExactly(3, 1);

            rig.handlers.complete("b");
            rig.handlers.complete("c");
            rig.runHandlers();
            assertThat(rig.server.fetches.get(2).count()).isEqualTo(2);
            assertThat(rig.server.fetchedJobs()).isEqualTo(5);
            assertThat(rig.worker.heldJobs()).isEqualTo(2);
            assertThat(rig.worker.maxHeldJobs()).isEqualTo(3);
        }
    }

    @Test
    void jobsBeyondWhatWasAskedForAreReleasedToTheServer() throws Exception {
        try (Rig rig = new Rig(2, "t").ready("t", "a", "b", "c", "d").start()) {
            rig.server.overDeliver = true;
            rig.server.ready.add(Rig.job("e", "t"));
            rig.runHandlers();
            rig.handlers.complete("a");
            rig.runHandlers(); // a's slot is free: asks for 1 and gets c, d and e
            rig.runHandlers();

            assertThat(rig.server.fetches).extracting(Fetch::count).containsExactly(2, 1);
            assertThat(rig.server.fetches).extracting(Fetch::delivered).containsExactly(2, 3);
            assertThat(rig.handlers.dispatched).containsExactly("a", "b", "c");
            for (String extra : List.of("d", "e")) {
                assertThat(rig.server.settled(extra)).singleElement().satisfies(s -> {
                    assertThat(s.kind()).isEqualTo("nack");
                    assertThat(s.requeue()).isTrue();
                    assertThat(s.failure().retryable()).isTrue();
                });
            }
            assertThat(rig.worker.heldJobs()).isEqualTo(2);
            assertThat(rig.worker.maxHeldJobs()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "handler fails: {0}")
    @ValueSource(booleans = {false, true})
    void ackAndNackAreRetriedNoEarlierThanRetryAfterAndSentOnce(boolean handlerFails) throws Exception {
        try (Rig rig = new Rig(1, "t").ready("t", "a").start()) {
            rig.runHandlers();
            rig.server.settleFailures.add(ScriptedTransport.unavailable(Duration.ofSeconds(3)));
            if (handlerFails) {
                rig.handlers.fail("a", new IllegalStateException("boom"));
            } else {
                rig.handlers.complete("a");
            }
            rig.runHandlers();
            Settle refused = rig.server.settles.get(0);
            assertThat(refused.failed()).isTrue();
            assertThat(rig.worker.heldJobs()).isEqualTo(1);

            rig.advance(Duration.ofSeconds(3).minus(MS));
            assertThat(rig.server.settles).hasSize(1);
            assertThat(rig.server.fetches).hasSize(1); // the unsettled job still takes the only slot

            rig.advance(MS);
            Settle sent = rig.server.settled("a").get(0);
            assertThat(sent.kind()).isEqualTo(handlerFails ? "nack" : "ack");
            assertThat(Duration.ofNanos(sent.at() - refused.at())).isEqualTo(Duration.ofSeconds(3));
            if (handlerFails) {
                assertThat(sent.requeue()).isFalse();
                assertThat(sent.failure().message()).isEqualTo("boom");
            }
            assertThat(rig.worker.heldJobs()).isZero();
            assertThat(rig.server.fetches).hasSize(2); // the slot is free again

            rig.advance(Rig.HEARTBEAT.multipliedBy(3));
            assertThat(rig.server.settles).hasSize(2);
        }
    }

    @Test
    void aRetryAfterThatComesLaterHoldsBackTheRetryAlreadyPlanned() throws Exception {
        try (Rig rig = new Rig(2, "t").ready("t", "a", "b").start()) {
            rig.runHandlers();
            rig.server.settleFailures.add(ScriptedTransport.unavailable(Duration.ofSeconds(1)));
            rig.handlers.complete("a");
            rig.runHandlers(); // a's retry is planned for 1 s from now
            rig.advance(Duration.ofMillis(500));
            rig.server.settleFailures.add(ScriptedTransport.unavailable(Duration.ofSeconds(5)));
            rig.handlers.complete("b");
            rig.runHandlers(); // and now the server asks for 5 s of quiet
            long quietUntil = rig.clock.nanoTime() + Duration.ofSeconds(5).toNanos();

            rig.advance(Duration.ofSeconds(5).minus(MS));
            assertThat(rig.server.settles).hasSize(2).allMatch(Settle::failed);
            rig.advance(MS);
            assertThat(rig.server.settles).hasSize(4);
            assertThat(rig.server.settles.subList(2, 4)).allSatisfy(s -> {
                assertThat(s.failed()).isFalse();
                assertThat(s.at()).isEqualTo(quietUntil);
            });
            assertThat(rig.worker.heldJobs()).isZero();
        }
    }

    @Test
    void quietStopsFetchingAndContinueResumesIt() throws Exception {
        try (Rig rig = new Rig(2, "t").start()) {
            rig.server.heartbeatReply = ids -> new HeartbeatReply("quiet", Set.copyOf(ids));
            rig.advanceTo(Rig.HEARTBEAT);
            assertThat(rig.worker.state()).isEqualTo(Worker.State.QUIET);
            int fetches = rig.server.fetches.size();
            assertThat(rig.server.fetches.get(fetches - 1).at()).isLessThan(rig.clock.nanoTime());

            rig.server.ready.add(Rig.job("a", "t"));
            for (int i = 0; i < 4; i++) {
                rig.advance(Rig.HEARTBEAT);
            }
            assertThat(rig.server.fetches).hasSize(fetches);
            assertThat(rig.server.beats).extracting(Beat::state).containsExactly(
                    "running", "quiet", "quiet", "quiet", "quiet");

            rig.server.heartbeatReply = ids -> new HeartbeatReply("continue", Set.copyOf(ids));
            rig.advance(Rig.HEARTBEAT);
            assertThat(rig.worker.state()).isEqualTo(Worker.State.RUNNING);
            assertThat(rig.server.fetches).hasSize(fetches + 1);
            assertThat(rig.server.fetches.get(fetches).at()).isEqualTo(rig.clock.nanoTime());
            assertThat(rig.worker.heldJobs()).isEqualTo(1);
        }
    }

    @Test
    void terminateStopsFetchingAtOnceThenDrainsAndStops() throws Exception {
        try (Rig rig = new Rig(2, "t").ready("t", "a").start()) {
            rig.runHandlers();
            rig.server.heartbeatReply = ids -> new HeartbeatReply("terminate", Set.copyOf(ids));
            rig.server.ready.add(Rig.job("b", "t"));
            rig.advanceTo(Rig.HEARTBEAT); // a poll is due at this very instant too

            assertThat(rig.worker.state()).isEqualTo(Worker.State.DRAINING);
            assertThat(rig.server.fetches).allMatch(f -> f.at() < rig.clock.nanoTime());
            assertThat(rig.server.ready).extracting(WorkerJob::id).containsExactly("b");

            rig.advance(Rig.HEARTBEAT);
            assertThat(rig.server.beats.get(rig.server.beats.size() - 1))
                    .isEqualTo(new Beat(rig.clock.nanoTime(), List.of("a"), "terminate"));

            rig.handlers.complete("a");
            rig.runHandlers();
            assertThat(rig.awaitStopped()).isTrue();
            assertThat(rig.server.settled("a")).extracting(Settle::kind).containsExactly("ack");
            assertThat(rig.server.beats.get(rig.server.beats.size() - 1).jobIds()).isEmpty();
            assertThat(rig.server.beats.get(rig.server.beats.size() - 1).state()).isEqualTo("terminate");
            assertThat(rig.server.ready).hasSize(1);
        }
    }

    @Test
    void aJobTheServerNoLongerExtendsIsDroppedAndItsHandlerTold() throws Exception {
        try (Rig rig = new Rig(2, "t").ready("t", "a", "b").start()) {
            rig.runHandlers();
            rig.server.heartbeatReply = ids -> new HeartbeatReply("continue", Set.of("a"));
            rig.advanceTo(Rig.HEARTBEAT);

            assertThat(rig.server.beats.get(0).jobIds()).containsExactlyInAnyOrder("a", "b");
            assertThat(rig.handlers.contexts.get("b").isCancelled()).isTrue();
            assertThat(rig.handlers.contexts.get("a").isCancelled()).isFalse();
            assertThat(rig.worker.heldJobs()).isEqualTo(2); // b's handler still runs, so its slot stays taken

            rig.advance(Rig.HEARTBEAT);
            assertThat(rig.server.beats.get(1).jobIds()).containsExactly("a");

            rig.handlers.complete("b");
            rig.handlers.complete("a");
            rig.runHandlers();
            assertThat(rig.server.settled("b")).isEmpty();
            assertThat(rig.server.settled("a")).extracting(Settle::kind).containsExactly("ack");
            assertThat(rig.worker.heldJobs()).isZero();
        }
    }

    @Test
    void aHandlerOverItsTimeoutIsFailedAndInterrupted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        ScriptedDispatcher handlers = new ScriptedDispatcher().with("slow", (job, ctx) -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(); // blocks until interrupted
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return CompletableFuture.completedFuture(JsonValue.NULL);
        });
        Map<String, HandlerLimits> limits = Map.of("slow", new HandlerLimits(null, Duration.ofSeconds(2)));
        try (Rig rig = new Rig(1, handlers, limits).ready("slow", "a").start()) {
            Thread handler = rig.executor.runNextOnThread("handler");
            assertThat(entered.await(VirtualClock.STUCK.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            rig.clock.awaitIdle();

            rig.advance(Duration.ofSeconds(2).minus(MS));
            assertThat(rig.server.settles).isEmpty();
            assertThat(handler.isAlive()).isTrue();

            rig.advance(MS);
            handler.join(VirtualClock.STUCK.toMillis());
            assertThat(interrupted).isTrue();
            assertThat(handlers.contexts.get("a").isCancelled()).isTrue();
            assertThat(rig.server.settles).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("nack");
                assertThat(s.requeue()).isFalse();
                assertThat(s.failure().code()).isEqualTo(Failure.TIMEOUT);
                assertThat(s.failure().retryable()).isTrue();
                assertThat(rig.at(s.at())).isEqualTo(Duration.ofSeconds(2));
            });
            rig.clock.awaitIdle();
            assertThat(rig.worker.heldJobs()).isZero();
        }
    }

    @Test
    void aTypeNeverRunsMoreHandlersThanItsOwnLimit() throws Exception {
        Map<String, HandlerLimits> limits = Map.of("one", new HandlerLimits(1, null));
        try (Rig rig = new Rig(3, new ScriptedDispatcher("one", "other"), limits)
                .ready("one", "a", "b").ready("other", "c").start()) {
            assertThat(rig.worker.heldJobs()).isEqualTo(3);
            rig.executor.runNextOnThread("handler-a").join(VirtualClock.STUCK.toMillis());
            Thread second = rig.executor.runNextOnThread("handler-b");
            awaitWaitingOnSemaphore(second);
            rig.runHandlers(); // c, another type, is not held back
            assertThat(rig.handlers.dispatched).containsExactly("a", "c");

            rig.handlers.complete("a");
            rig.runHandlers(); // a's end frees its type's permit
            second.join(VirtualClock.STUCK.toMillis());
            assertThat(rig.handlers.dispatched).containsExactly("a", "c", "b");
            rig.handlers.complete("b");
            rig.handlers.complete("c");
            rig.runHandlers();
            assertThat(rig.server.settles).extracting(Settle::jobId).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    private static void awaitWaitingOnSemaphore(Thread t) {
        long deadline = System.nanoTime() + VirtualClock.STUCK.toNanos();
        while (!(t.getState() == Thread.State.WAITING && List.of(t.getStackTrace()).stream()
                .anyMatch(f -> f.getClassName().startsWith("java.util.concurrent.Semaphore")))) {
            if (System.nanoTime() - deadline > 0 || !t.isAlive()) {
                throw new AssertionError(t.getName() + " did not wait for its type's permit: " + t.getState());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void stopDrainsWithinTheGracePeriodThenReleasesTheRest() throws Exception {
        try (Rig rig = new Rig(3, "t").ready("t", "a", "b", "c").start()) {
            rig.runHandlers();
            rig.worker.requestStop();
            rig.clock.awaitIdle();
            long stoppedAt = rig.clock.nanoTime();
            assertThat(rig.worker.state()).isEqualTo(Worker.State.DRAINING);
            assertThat(rig.server.beats).singleElement().satisfies(b -> {
                assertThat(b.state()).isEqualTo("terminate");
                assertThat(b.jobIds()).containsExactlyInAnyOrder("a", "b", "c");
            });

            rig.handlers.complete("a");
            rig.runHandlers();
            rig.advance(Duration.ofSeconds(1));
            rig.handlers.complete("b");
            rig.runHandlers();
            rig.advance(Rig.GRACE.minus(Duration.ofSeconds(1)).minus(MS));
            assertThat(rig.server.beats).extracting(Beat::state).containsOnly("terminate");
            assertThat(rig.server.beats.get(rig.server.beats.size() - 1).jobIds()).containsExactly("c");
            assertThat(rig.server.settles).extracting(Settle::jobId).containsExactly("a", "b");
            assertThat(rig.server.fetches).hasSize(1);

            int beats = rig.server.beats.size();
            rig.clock.advance(MS);
            assertThat(rig.awaitStopped()).isTrue();
            Settle released = rig.server.settled("c").get(0);
            assertThat(released.kind()).isEqualTo("nack");
            assertThat(released.requeue()).isTrue();
            assertThat(Duration.ofNanos(released.at() - stoppedAt)).isEqualTo(Rig.GRACE);
            assertThat(rig.handlers.contexts.get("c").isCancelled()).isTrue();
            assertThat(rig.server.beats).hasSize(beats + 1);
            assertThat(rig.server.beats.get(beats)).isEqualTo(new Beat(rig.clock.nanoTime(), List.of(), "terminate"));

            rig.handlers.complete("c"); // too late: its outcome is not reported
            rig.runHandlers();
            assertThat(rig.server.settled("c")).hasSize(1);
            assertThat(rig.server.settled("a")).hasSize(1);
            assertThat(rig.server.settled("b")).hasSize(1);
        }
    }

    @Test
    void noFinalHeartbeatWhenTheLastOneFailed() throws Exception {
        try (Rig rig = new Rig(1, "t").start()) {
            rig.server.heartbeatFailure = ScriptedTransport.unavailable(null);
            rig.advanceTo(Rig.HEARTBEAT);
            assertThat(rig.server.beats).hasSize(1);

            assertTimeoutPreemptively(VirtualClock.STUCK, rig.worker::stop);
            assertThat(rig.worker.state()).isEqualTo(Worker.State.STOPPED);
            assertThat(rig.server.beats).hasSize(1);
        }
    }

    @Test
    void stopDuringAFetchBackoffReturnsWithoutWaitingItOut() throws Exception {
        try (Rig rig = new Rig(2, "t").start()) {
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.clock.run(Duration.ofMinutes(2), Duration.ofSeconds(1));
            int fetches = rig.server.fetches.size();
            Fetch last = rig.server.fetches.get(fetches - 1);
            assertThat(last.delivered()).isEqualTo(-1);
            long now = rig.clock.nanoTime();

            assertTimeoutPreemptively(VirtualClock.STUCK, rig.worker::stop);
            assertThat(rig.worker.state()).isEqualTo(Worker.State.STOPPED);
            assertThat(rig.clock.nanoTime()).isEqualTo(now);
            assertThat(rig.server.fetches).hasSize(fetches);
            assertThat(rig.server.beats.get(rig.server.beats.size() - 1))
                    .isEqualTo(new Beat(now, List.of(), "terminate"));
        }
    }

    @Test
    void fetchBacksOffWhileTheServerFailsAndResetsOnceItAnswers() throws Exception {
        try (Rig rig = new Rig(1, "t")) {
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.start();
            // the n-th failure in a row waits within [d/2, d], d = 100 ms * 2^(n-1); step by step to see when
            for (int n = 1; n <= 4; n++) {
                long d = 100L << (n - 1);
                Duration failedAt = rig.at(rig.server.fetches.get(n - 1).at());
                if (n == 4) {
                    rig.server.fetchFailure = null; // the fourth retry gets through
                }
                rig.advanceTo(failedAt.plusMillis(d / 2).minus(MS));
                assertThat(rig.server.fetches).hasSize(n);
                rig.clock.run(Duration.ofMillis(d - d / 2).plus(MS), MS);
                assertThat(rig.server.fetches).hasSize(n + 1);
                assertThat(rig.at(rig.server.fetches.get(n).at()).minus(failedAt))
                        .isBetween(Duration.ofMillis(d / 2), Duration.ofMillis(d));
            }
            Fetch success = rig.server.fetches.get(4);
            assertThat(success.delivered()).isZero();

            // reachable again: back to the poll interval
            rig.server.fetchFailure = ScriptedTransport.unavailable(Duration.ofSeconds(7));
            rig.advanceTo(rig.at(success.at()).plus(Rig.POLL).minus(MS));
            assertThat(rig.server.fetches).hasSize(5);
            rig.advance(MS);
            assertThat(rig.server.fetches).hasSize(6);

            // a first failure again, but its Retry-After outweighs the 100 ms
            rig.advance(Duration.ofSeconds(7).minus(MS));
            assertThat(rig.server.fetches).hasSize(6);
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.advance(MS);
            assertThat(rig.server.fetches).hasSize(7);

            // the second failure in a row since the success: at most 200 ms, so the count had been reset
            rig.advance(Duration.ofMillis(200));
            assertThat(rig.server.fetches).hasSize(8);
        }
    }

    @Test
    void aJobWithNoHandlerIsFailedRetryable() throws Exception {
        try (Rig rig = new Rig(1, "t").ready("nobody.handles", "a").start()) {
            assertThat(rig.server.settled("a")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("nack");
                assertThat(s.requeue()).isFalse();
                assertThat(s.failure().code()).isEqualTo(Failure.HANDLER_NOT_FOUND);
                assertThat(s.failure().retryable()).isTrue();
            });
            assertThat(rig.handlers.dispatched).isEmpty();
            assertThat(rig.executor.queued()).isZero();
            assertThat(rig.worker.heldJobs()).isZero();
        }
    }
}
