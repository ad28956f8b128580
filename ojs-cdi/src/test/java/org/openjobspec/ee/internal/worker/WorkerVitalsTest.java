package org.openjobspec.ee.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What health checks read from the engine: the last successful exchange with the server and the coordinator's
 * progress, on the virtual clock (no sleeping; each value is read once the coordinator has come to rest).
 */
class WorkerVitalsTest {

    @Test
    void aWorkerNotStartedHasNoContactAndNoAge() {
        Rig rig = new Rig(4, "t");
        WorkerVitals v = rig.worker.vitals();
        assertThat(v.workerId()).isEqualTo("w-test");
        assertThat(v.state()).isEqualTo(Worker.State.NEW);
        assertThat(v.concurrency()).isEqualTo(4);
        assertThat(v.heldJobs()).isZero();
        assertThat(v.lastServerContact()).isNull();
        assertThat(v.sinceServerContact()).isZero();
        assertThat(v.sinceLoopProgress()).isZero();
    }

    @Test
    void aSuccessfulFetchIsContactAndHeldJobsAreCounted() throws Exception {
        try (Rig rig = new Rig(3, "t").ready("t", "a", "b").start()) {
            WorkerVitals v = rig.worker.vitals();
            assertThat(v.state()).isEqualTo(Worker.State.RUNNING);
            assertThat(v.heldJobs()).isEqualTo(2);
            assertThat(v.concurrency()).isEqualTo(3);
            assertThat(v.lastServerContact()).isEqualTo(wallClockAt(rig.server.fetches.get(0).at()));
            assertThat(v.sinceServerContact()).isZero();
            assertThat(v.sinceLoopProgress()).isZero();

            rig.advance(Duration.ofMillis(700)); // nothing due yet: no call, no loop round
            assertThat(rig.worker.vitals().sinceServerContact()).isEqualTo(Duration.ofMillis(700));
            assertThat(rig.worker.vitals().sinceLoopProgress()).isEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void withTheServerDownTheContactAgesWhileTheLoopKeepsGoingRound() throws Exception {
        try (Rig rig = new Rig(1, "t").start()) {
            Instant reached = rig.worker.vitals().lastServerContact();
            assertThat(reached).isNotNull();
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.server.heartbeatFailure = ScriptedTransport.unavailable(null);

            rig.clock.run(Duration.ofMinutes(2), Duration.ofSeconds(1));
            WorkerVitals down = rig.worker.vitals();
            assertThat(down.lastServerContact()).isEqualTo(reached);
            assertThat(down.sinceServerContact()).isEqualTo(Duration.ofMinutes(2));
            assertThat(down.sinceLoopProgress()).isLessThanOrEqualTo(Rig.HEARTBEAT);
            assertThat(down.state()).isEqualTo(Worker.State.RUNNING);

            rig.server.fetchFailure = null;
            rig.server.heartbeatFailure = null;
            rig.clock.run(Duration.ofSeconds(31), Duration.ofSeconds(1)); // beyond the 30 s backoff cap
            WorkerVitals back = rig.worker.vitals();
            assertThat(back.lastServerContact()).isAfter(reached);
            assertThat(back.sinceServerContact()).isLessThan(Duration.ofSeconds(31));
        }
    }

    @Test
    void aServerNeverReachedCountsFromTheStart() throws Exception {
        try (Rig rig = new Rig(1, "t")) {
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.server.heartbeatFailure = ScriptedTransport.unavailable(null);
            rig.start();
            rig.clock.run(Duration.ofSeconds(90), Duration.ofSeconds(1));

            WorkerVitals v = rig.worker.vitals();
            assertThat(v.lastServerContact()).isNull();
            assertThat(v.sinceServerContact()).isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Test
    void anAcceptedAckIsContactEvenWhenFetchAndHeartbeatFail() throws Exception {
        try (Rig rig = new Rig(1, "t").ready("t", "a").start()) {
            rig.runHandlers();
            rig.server.fetchFailure = ScriptedTransport.unavailable(null);
            rig.server.heartbeatFailure = ScriptedTransport.unavailable(null);
            rig.advance(Duration.ofSeconds(40));
            assertThat(rig.worker.vitals().sinceServerContact()).isEqualTo(Duration.ofSeconds(40));

            rig.handlers.complete("a");
            rig.runHandlers();
            assertThat(rig.server.settled("a")).hasSize(1);
            WorkerVitals v = rig.worker.vitals();
            assertThat(v.lastServerContact()).isEqualTo(wallClockAt(rig.server.settled("a").get(0).at()));
            assertThat(v.sinceServerContact()).isZero();
            assertThat(v.heldJobs()).isZero();
        }
    }

    @Test
    void theStateFollowsQuietAndContinue() throws Exception {
        try (Rig rig = new Rig(2, "t").start()) {
            rig.server.heartbeatReply = ids -> new HeartbeatReply("quiet", Set.copyOf(ids));
            rig.advanceTo(Rig.HEARTBEAT);
            assertThat(rig.worker.vitals().state()).isEqualTo(Worker.State.QUIET);
            assertThat(rig.worker.vitals().sinceServerContact()).isZero(); // the quiet answer was an answer

            rig.server.heartbeatReply = ids -> new HeartbeatReply("continue", Set.copyOf(ids));
            rig.advance(Rig.HEARTBEAT);
            assertThat(rig.worker.vitals().state()).isEqualTo(Worker.State.RUNNING);
        }
    }

    @Test
    void aCoordinatorStuckInACallMakesNoProgressUntilTheCallReturns() throws Exception {
        try (Rig rig = new Rig(1, "t").start()) {
            CountDownLatch entered = new CountDownLatch(1);
            rig.server.fetchEntered = entered;
            try {
                rig.clock.advance(Rig.POLL); // the next poll: the fetch hangs
                assertThat(entered.await(VirtualClock.STUCK.toSeconds(), TimeUnit.SECONDS)).isTrue();

                rig.clock.advance(Duration.ofMinutes(10));
                assertThat(rig.worker.vitals().sinceLoopProgress()).isEqualTo(Duration.ofMinutes(10));
                assertThat(rig.worker.vitals().state()).isEqualTo(Worker.State.RUNNING);
            } finally {
                rig.server.fetchEntered = null;
                rig.server.fetchGate.countDown();
            }
            rig.clock.awaitIdle();
            assertThat(rig.worker.vitals().sinceLoopProgress()).isZero();
        }
    }

    @Test
    void aStoppedWorkerSaysSo() throws Exception {
        try (Rig rig = new Rig(1, "t").start()) {
            rig.worker.stop();
            WorkerVitals v = rig.worker.vitals();
            assertThat(v.state()).isEqualTo(Worker.State.STOPPED);
            assertThat(v.sinceServerContact()).isZero(); // the farewell heartbeat was answered
        }
    }

    private static Instant wallClockAt(long nanos) {
        return VirtualClock.ORIGIN.plusNanos(nanos);
    }
}
