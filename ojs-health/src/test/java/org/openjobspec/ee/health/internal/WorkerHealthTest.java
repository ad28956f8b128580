package org.openjobspec.ee.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjobspec.ee.internal.worker.Worker.State;
import org.openjobspec.ee.internal.worker.WorkerVitals;

/** The verdicts from given vitals: the thresholds and the states, without a worker or a container. */
class WorkerHealthTest {

    private static final HealthSettings SETTINGS = new HealthSettings(true, Duration.ofMinutes(1),
            Duration.ofMinutes(5), List.of());
    private static final Instant CONTACT = Instant.parse("2026-12-02T10:00:00Z");

    private static Optional<WorkerVitals> vitals(State state, Duration sinceContact, Duration sinceProgress) {
        return Optional.of(new WorkerVitals("w1", state, 2, 8, CONTACT, sinceContact, sinceProgress));
    }

    @Test
    void readinessCountsTheTimeWithoutAnAnswerUpToTheLimit() {
        assertThat(WorkerHealth.readiness(true, vitals(State.RUNNING, Duration.ofMinutes(1), Duration.ZERO),
                SETTINGS).up()).isTrue();
        WorkerHealth.Verdict down = WorkerHealth.readiness(true,
                vitals(State.RUNNING, Duration.ofMinutes(1).plusMillis(1), Duration.ZERO), SETTINGS);
        assertThat(down.up()).isFalse();
        assertThat(down.data()).containsEntry("last-server-contact", "2026-12-02T10:00:00Z")
                .containsEntry("jobs-in-flight", 2L).containsEntry("concurrency", 8L)
                .containsEntry("reason", "no answer from the OJS server for PT1M0.001S (more than PT1M)");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"QUIET", "DRAINING", "STOPPED", "NEW"})
    void readinessIsDownInEveryStateButRunning(State state) {
        WorkerHealth.Verdict v = WorkerHealth.readiness(true, vitals(state, Duration.ZERO, Duration.ZERO), SETTINGS);
        assertThat(v.up()).isFalse();
        assertThat(v.data()).containsEntry("state", state.name().toLowerCase()).containsKey("reason");
    }

    @Test
    void beforeTheStartReadinessAndStartupAreDownAndLivenessIsUp() {
        assertThat(WorkerHealth.readiness(false, Optional.empty(), SETTINGS).up()).isFalse();
        assertThat(WorkerHealth.startup(false, Optional.empty()).up()).isFalse();
        assertThat(WorkerHealth.liveness(Optional.empty(), SETTINGS).up()).isTrue();
        assertThat(WorkerHealth.startup(true, vitals(State.RUNNING, Duration.ZERO, Duration.ZERO)).up()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"RUNNING", "QUIET", "DRAINING"})
    void livenessIsDownOnceTheLoopStallsLongerThanAllowedWhileItShouldRun(State state) {
        assertThat(WorkerHealth.liveness(vitals(state, Duration.ZERO, Duration.ofMinutes(5)), SETTINGS).up())
                .isTrue();
        WorkerHealth.Verdict stalled = WorkerHealth.liveness(
                vitals(state, Duration.ZERO, Duration.ofMinutes(5).plusSeconds(1)), SETTINGS);
        assertThat(stalled.up()).isFalse();
        assertThat(stalled.data()).containsEntry("since-loop-progress", "PT5M1S")
                .containsEntry("reason", "the worker's loop has made no progress for PT5M1S (more than PT5M)");
    }

    @Test
    void aStoppedWorkerIsNotStalled() {
        assertThat(WorkerHealth.liveness(vitals(State.STOPPED, Duration.ofHours(1), Duration.ofHours(1)), SETTINGS)
                .up()).isTrue();
    }

    @Test
    void aServerNeverReachedIsReportedAsNever() {
        Optional<WorkerVitals> never = Optional.of(new WorkerVitals("w1", State.RUNNING, 0, 1, null,
                Duration.ofSeconds(61), Duration.ZERO));
        WorkerHealth.Verdict v = WorkerHealth.readiness(true, never, SETTINGS);
        assertThat(v.up()).isFalse();
        assertThat(v.data()).containsEntry("last-server-contact", "never");
    }
}
