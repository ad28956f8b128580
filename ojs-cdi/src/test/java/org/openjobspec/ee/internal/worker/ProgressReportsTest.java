package org.openjobspec.ee.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.internal.Messages.WRK_0055;
import static org.openjobspec.ee.internal.Messages.WRK_0056;

import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.internal.worker.ScriptedTransport.Report;
import org.openjobspec.ee.internal.worker.ScriptedTransport.Settle;
import org.openjobspec.ee.testkit.LogCapture;

/**
 * Handlers' progress reports in the engine, on the virtual clock: sent off the handler's thread, at most one a second
 * per job with the latest value winning, never affecting the job, and not at all once the server lacks the endpoint.
 */
class ProgressReportsTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void aReportIsSentOnTheExecutorAndLaterOnesAtMostOnceASecondWithTheLatestValue() throws Exception {
        try (Rig rig = new Rig(1, "t").ready("t", "a").start()) {
            rig.runHandlers();
            JobContext a = rig.handlers.contexts.get("a");

            a.progress(0.1, "first");
            rig.clock.awaitIdle();
            assertThat(rig.server.reports).as("nothing sent on the handler's thread").isEmpty();
            assertThat(rig.executor.queued()).as("the report waits on the executor").isEqualTo(1);
            rig.runHandlers();
            assertThat(rig.server.reports).singleElement().satisfies(r -> {
                assertThat(r.jobId()).isEqualTo("a");
                assertThat(r.fraction()).isEqualTo(0.1);
                assertThat(r.message()).isEqualTo("first");
            });
            long first = rig.server.reports.get(0).at();

            a.progress(0.2, "second");
            a.progress(Double.NaN, "ignored");
            a.progress(0.3, "third");
            a.progress(7);
            rig.runHandlers();
            rig.advance(Duration.ofSeconds(1).minus(MS));
            rig.runHandlers();
            assertThat(rig.server.reports).hasSize(1);

            rig.advance(MS);
            rig.runHandlers();
            assertThat(rig.server.reports).hasSize(2);
            Report second = rig.server.reports.get(1);
            assertThat(second.fraction()).as("the latest value, clamped").isEqualTo(1.0);
            assertThat(second.message()).isNull();
            assertThat(Duration.ofNanos(second.at() - first)).isEqualTo(Duration.ofSeconds(1));

            rig.advance(Duration.ofSeconds(3));
            rig.runHandlers();
            assertThat(rig.server.reports).as("nothing new to send").hasSize(2);
        }
    }

    @Test
    void aServerWithoutTheEndpointIsAskedOnceAndTheJobsGoOn() throws Exception {
        try (LogCapture log = LogCapture.of(Worker.class.getName(), Level.INFO);
             Rig rig = new Rig(2, "t").ready("t", "a", "b").start()) {
            rig.runHandlers();
            rig.server.progressFailure = new TransportException(TransportException.Kind.UNSUPPORTED, "404 scripted",
                    null, null);
            rig.handlers.contexts.get("a").progress(0.1, null);
            rig.runHandlers();
            assertThat(rig.server.reports).hasSize(1);

            rig.advance(Duration.ofSeconds(2));
            rig.handlers.contexts.get("a").progress(0.5, null);
            rig.handlers.contexts.get("b").progress(0.5, null);
            rig.runHandlers();
            rig.advance(Duration.ofSeconds(2));
            rig.runHandlers();
            assertThat(rig.server.reports).hasSize(1);
            assertThat(log.messages()).filteredOn(m -> m.startsWith(WRK_0055.id())).singleElement()
                    .asString().contains("404 scripted").contains("w-test");

            rig.handlers.complete("a");
            rig.handlers.complete("b");
            rig.runHandlers();
            assertThat(rig.server.settles).extracting(Settle::kind).containsExactly("ack", "ack");
        }
    }

    @Test
    void aFailedReportNeverAffectsTheJobAndLaterReportsStillGo() throws Exception {
        try (LogCapture log = LogCapture.of(Worker.class.getName(), Level.WARNING);
             Rig rig = new Rig(1, "t").ready("t", "a").start()) {
            rig.runHandlers();
            JobContext a = rig.handlers.contexts.get("a");
            rig.server.progressFailure = ScriptedTransport.unavailable(null);
            a.progress(0.1, null);
            rig.runHandlers();
            assertThat(rig.server.reports).singleElement().extracting(Report::failed).isEqualTo(true);
            assertThat(log.messages()).singleElement().asString().startsWith(WRK_0056.id());
            assertThat(a.isCancelled()).isFalse();

            rig.server.progressFailure = null;
            rig.advance(Duration.ofSeconds(1));
            a.progress(0.2, null);
            rig.runHandlers();
            assertThat(rig.server.reports).hasSize(2).last().extracting(Report::failed).isEqualTo(false);

            rig.handlers.complete("a");
            rig.runHandlers();
            assertThat(rig.server.settled("a")).extracting(Settle::kind).containsExactly("ack");
        }
    }

    @Test
    void whatIsStillWaitingWhenTheHandlerReturnsIsDropped() throws Exception {
        try (Rig rig = new Rig(1, "t").ready("t", "a").start()) {
            rig.runHandlers();
            JobContext a = rig.handlers.contexts.get("a");
            a.progress(0.1, null);
            rig.runHandlers();
            a.progress(0.9, null); // not due for a second
            rig.handlers.complete("a");
            rig.runHandlers();
            a.progress(1.0, "after the end");
            rig.advance(Duration.ofSeconds(3));
            rig.runHandlers();
            assertThat(rig.server.reports).singleElement().extracting(Report::fraction).isEqualTo(0.1);
            assertThat(rig.server.settled("a")).extracting(Settle::kind).containsExactly("ack");
        }
    }
}
