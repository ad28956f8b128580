package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;

import static org.openjobspec.ee.internal.Messages.WRK_0030;
import static org.openjobspec.ee.internal.Messages.WRK_0043;
import static org.openjobspec.ee.internal.Messages.WRK_0046;

/**
 * A job's outcome is its handler's: what the library does around the handler (log lines, JobExecuted observers)
 * may fail without changing it. Weld SE with the real extension, against the embedded server (through a recording
 * proxy, to count acks) over HTTP.
 */
class HandlerDecidesOutcomeTest {

    static final String ACK = "/ojs/v1/workers/ack";
    static final String NACK = "/ojs/v1/workers/nack";
    static final String JOBS_LOG = "org.openjobspec.ee.jobs";

    HostileOjsServer server;
    OjsHttp http;

    @BeforeEach
    void start() {
        Scenarios.reset();
        server = HostileOjsServer.start();
        http = new OjsHttp(server.url());
        Ojs.fastConfig(server.server());
        TestConfig.set("ojs.url", server.url().toString());
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        server.close();
    }

    private static JsonObject retry(int maxAttempts) {
        return Json.createObjectBuilder().add("retry", Json.createObjectBuilder().add("max_attempts", maxAttempts)
                .add("initial_interval", "PT0.1S").add("jitter", false)).build();
    }

    @Test
    void throwingObserverLeavesASuccessfulJobCompletedAndAckedOnce() {
        try (LogCapture log = LogCapture.of(JOBS_LOG);
             WeldContainer c = Ojs.boot(Scenarios.Settled.class, Scenarios.ThrowingObserver.class)) {
            String id = http.enqueue("settled.job", args(), retry(5), null);
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getString("result")).isEqualTo("fine");
            assertThat(job.getInt("attempt")).isEqualTo(1);
            assertThat(Scenarios.calls(id)).isEqualTo(1);
            assertThat(server.count(ACK)).isEqualTo(1);
            assertThat(server.count(NACK)).isZero();
            assertThat(Scenarios.EXECUTED).singleElement().satisfies(e -> assertThat(e.succeeded()).isTrue());
            assertThat(log.messages()).filteredOn(m -> m.startsWith(WRK_0046.id())).containsExactly(
                    WRK_0046 + ": an observer of JobExecuted failed for settled.job job " + id
                            + " (attempt 1); the job's outcome stays the handler's");
        }
    }

    @Test
    void throwingObserverOfAnAsyncHandlerLeavesItsJobCompleted() {
        try (WeldContainer c = Ojs.boot(Scenarios.Async.class, Scenarios.ThrowingObserver.class)) {
            String id = http.enqueue("async.job", args("ann"), retry(5), null);
            assertThat(http.awaitState(id, "completed").getString("result")).isEqualTo("hello ann");
            assertThat(server.count(ACK)).isEqualTo(1);
            assertThat(server.count(NACK)).isZero();
        }
    }

    @Test
    void nonRetryableFailureStaysNonRetryableDespiteAThrowingObserverAndLogHandler() {
        try (LogCapture log = LogCapture.throwingOn(JOBS_LOG, m -> m.startsWith(WRK_0043.id()));
             WeldContainer c = Ojs.boot(Scenarios.Flaky.class, Scenarios.ThrowingObserver.class)) {
            String id = http.enqueue("doomed.job", args(), retry(5), null);
            JsonObject job = http.awaitState(id, "discarded");
            assertThat(Scenarios.calls(id)).isEqualTo(1);
            assertThat(job.getJsonObject("error").getString("message")).isEqualTo("cannot ever work");
            assertThat(job.getJsonObject("error").getBoolean("retryable")).isFalse();
            assertThat(server.count(NACK)).isEqualTo(1);
            assertThat(Scenarios.EXECUTED).singleElement()
                    .satisfies(e -> assertThat(e.failure()).hasMessage("cannot ever work"));
            assertThat(log.messages()).filteredOn(m -> m.startsWith(WRK_0046.id())).hasSize(2)
                    .anySatisfy(m -> assertThat(m).startsWith(WRK_0046 + ": logging the end of the job failed"))
                    .anySatisfy(m -> assertThat(m).startsWith(WRK_0046 + ": an observer of JobExecuted failed"));
        }
    }

    @Test
    void throwingJobObserversLeaveASuccessfulJobCompletedAndAFailureRetryable() {
        try (LogCapture log = LogCapture.of(JOBS_LOG);
             WeldContainer c = Ojs.boot(Scenarios.Settled.class, Scenarios.Flaky.class,
                     Scenarios.ThrowingJobObserver.class, Scenarios.RefusingJobObserver.class)) {
            String ok = http.enqueue("settled.job", args(), retry(5), null);
            assertThat(http.awaitState(ok, "completed").getString("result")).isEqualTo("fine");
            String flaky = http.enqueue("flaky.job", args(), retry(5), null);
            JsonObject job = http.awaitState(flaky, "completed");
            assertThat(job.getInt("attempt")).isEqualTo(2);
            assertThat(server.count(ACK)).isEqualTo(2);
            assertThat(server.count(NACK)).isEqualTo(1);
            String doomed = http.enqueue("doomed.job", args(), retry(5), null);
            assertThat(http.awaitState(doomed, "discarded").getJsonObject("error").getBoolean("retryable")).isFalse();
            assertThat(Scenarios.TRACE).contains("starting:" + ok + ":true", "returned:" + ok,
                    "finished:" + doomed + ":cannot ever work:false",
                    "finished:" + ok + ":ok:false", "finished:" + flaky + ":first attempt fails:true",
                    "finished:" + flaky + ":ok:false");
            assertThat(log.messages()).filteredOn(m -> m.startsWith(WRK_0046.id()))
                    .anySatisfy(m -> assertThat(m).startsWith(WRK_0046 + ": an observer of the job's start failed"))
                    .anySatisfy(m -> assertThat(m).startsWith(WRK_0046 + ": an observer of the handler's return failed"))
                    .anySatisfy(m -> assertThat(m).startsWith(WRK_0046 + ": an observer of the job's outcome failed"));
        }
    }

    /**
     * The request context is bound to the thread that ran the handler method (RequestContextController, on Weld as
     * on ArC) and ends when the method returns; in a continuation on another thread the JobContext parameter still
     * works, the injected JobContext says why it cannot, and a request-scoped bean is not there.
     */
    @Test
    void asyncContinuationOnAnotherThreadKeepsTheJobContextParameterAndFailsClearlyOnInjectedOnes()
            throws Exception {
        try (WeldContainer c = Ojs.boot(Scenarios.AsyncContext.class, Scenarios.PerJob.class,
                Scenarios.ContextWitness.class)) {
            String id = http.enqueue("async.context", args());
            assertThat(Scenarios.requestEnded.await(10, TimeUnit.SECONDS)).as("method returned").isTrue();
            Scenarios.proceed.complete(null);
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getString("result")).endsWith("/" + id);
            assertThat(Scenarios.TRACE).hasSize(4);
            assertThat(Scenarios.TRACE.subList(0, 2)).containsExactly("other thread:true", "param:" + id);
            assertThat(Scenarios.TRACE.get(2)).startsWith("injected:IllegalStateException: " + WRK_0030 + ": JobContext "
                    + "is only available while a job runs").contains("take JobContext as a handler parameter");
            assertThat(Scenarios.TRACE.get(3)).startsWith("perJob:ContextNotActiveException");
        }
    }
}
