package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobExecuted;
import org.openjobspec.ee.internal.cdi.WorkerAccess;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.LogCapture;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testkit.Wait;
import org.openjobspec.ee.internal.worker.Worker;

import static org.openjobspec.ee.internal.Messages.WRK_0043;

/** The worker in Weld SE with the real extension, against the embedded server over HTTP. */
@OjsServerTest(resetBetweenTests = true)
class WorkerBehaviourTest {

    @InjectOjsServer
    static EmbeddedOjsServer server;
    static OjsHttp http;

    @BeforeAll
    static void client() {
        http = new OjsHttp(server.url());
    }

    @BeforeEach
    void reset() {
        Scenarios.reset();
        Ojs.fastConfig(server);
    }

    private static JsonObject retry(int maxAttempts) {
        return Json.createObjectBuilder().add("retry", Json.createObjectBuilder().add("max_attempts", maxAttempts)
                .add("initial_interval", "PT0.1S").add("jitter", false)).build();
    }

    @Test
    void failedAttemptIsRetriedThenCompletes() {
        try (WeldContainer c = Ojs.boot(Scenarios.Flaky.class)) {
            String id = http.enqueue("flaky.job", args(), retry(3), null);
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getString("result")).isEqualTo("ok on attempt 2");
            assertThat(Scenarios.calls(id)).isEqualTo(2);
            JsonObject firstError = job.getJsonArray("errors").getJsonObject(0);
            assertThat(firstError.getString("message")).isEqualTo("first attempt fails");
        }
    }

    @Test
    void withoutMiddlewareHandlerBeansAreNotSubclassedAndEveryAttemptIsReported() {
        try (LogCapture jobLog = LogCapture.of("org.openjobspec.ee.jobs", Level.WARNING);
             WeldContainer c = Ojs.boot(Scenarios.Flaky.class, Scenarios.ExecutedRecorder.class)) {
            String id = http.enqueue("flaky.job", args(), retry(3), null);
            http.awaitState(id, "completed");
            assertThat(jobLog.messages()).singleElement().isEqualTo(WRK_0043 + ": flaky.job job " + id
                    + " (attempt 1) failed: java.lang.IllegalStateException: first attempt fails");
            assertThat(Scenarios.TRACE).containsOnly("instance:" + Scenarios.Flaky.class.getName());
            assertThat(Scenarios.EXECUTED).hasSize(2);
            JobExecuted failed = Scenarios.EXECUTED.get(0);
            assertThat(failed.attempt()).isEqualTo(1);
            assertThat(failed.failure()).isInstanceOf(IllegalStateException.class).hasMessage("first attempt fails");
            assertThat(Scenarios.EXECUTED.get(1).succeeded()).isTrue();
            assertThat(Scenarios.EXECUTED).allSatisfy(e -> {
                assertThat(e.jobType()).isEqualTo("flaky.job");
                assertThat(e.duration()).isPositive();
            });
        }
    }

    @Test
    void nonRetryableExceptionDiscardsAtOnce() {
        try (WeldContainer c = Ojs.boot(Scenarios.Flaky.class)) {
            String id = http.enqueue("doomed.job", args(), retry(5), null);
            JsonObject job = http.awaitState(id, "discarded");
            assertThat(Scenarios.calls(id)).isEqualTo(1);
            assertThat(job.getJsonObject("error").getString("message")).isEqualTo("cannot ever work");
            assertThat(job.getJsonObject("error").getBoolean("retryable")).isFalse();
        }
    }

    @Test
    void nonRetryableMarkerInCauseChainDiscardsAtOnce() {
        try (WeldContainer c = Ojs.boot(Scenarios.Flaky.class)) {
            String id = http.enqueue("doomed.marked", args(), retry(5), null);
            http.awaitState(id, "discarded");
            assertThat(Scenarios.calls(id)).isEqualTo(1);
        }
    }

    @Test
    void argsThatCannotBeBoundFailNonRetryable() {
        try (WeldContainer c = Ojs.boot(Scenarios.Flaky.class)) {
            String id = http.enqueue("math.add", args("two", 3), retry(5), null);
            JsonObject job = http.awaitState(id, "discarded");
            JsonObject error = job.getJsonObject("error");
            assertThat(error.getString("message")).contains("Cannot bind args[0]").contains("Flaky#add");
            assertThat(error.getBoolean("retryable")).isFalse();

            String missing = http.enqueue("math.add", args(1), retry(5), null);
            assertThat(http.awaitState(missing, "discarded").getJsonObject("error").getString("message"))
                    .contains("missing value args[1] to primitive parameter 2");
        }
    }

    @Test
    void asyncHandlerIsAckedWhenItsStageCompletes() {
        try (WeldContainer c = Ojs.boot(Scenarios.Async.class)) {
            String id = http.enqueue("async.job", args("ann"));
            assertThat(http.awaitState(id, "completed").getString("result")).isEqualTo("hello ann");
        }
    }

    @Test
    void interceptorsApplyInPriorityOrderWithinAPerJobRequestContext() {
        try (WeldContainer c = Ojs.boot(Scenarios.Intercepted.class, Scenarios.Outer.class, Scenarios.Inner.class,
                Scenarios.PerJob.class, Scenarios.ExecutedRecorder.class)) {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            JsonObject meta = Json.createObjectBuilder()
                    .add("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build();
            String first = http.enqueue("intercepted.job", args(), Json.createObjectBuilder().build(), meta);
            http.awaitState(first, "completed");
            String second = http.enqueue("intercepted.job", args());
            http.awaitState(second, "completed");

            List<String> t = Scenarios.TRACE;
            assertThat(t).hasSize(8);
            String requestId = t.get(0).substring(t.get(0).lastIndexOf(':') + 1);
            assertThat(t.subList(0, 4)).containsExactly("outer:intercepted.job:" + requestId, "inner",
                    "handler:" + requestId, "trace:" + traceId);
            String secondRequest = t.get(4).substring(t.get(4).lastIndexOf(':') + 1);
            assertThat(secondRequest).isNotEqualTo(requestId); // a fresh request context per job
            assertThat(t.subList(4, 8)).containsExactly("outer:intercepted.job:" + secondRequest, "inner",
                    "handler:" + secondRequest, "trace:none");
            assertThat(Scenarios.EXECUTED).hasSize(2).allSatisfy(e -> {
                assertThat(e.jobType()).isEqualTo("intercepted.job");
                assertThat(e.succeeded()).isTrue();
            });
        }
    }

    @Test
    void thousandShortJobsCompleteExactlyOnceWithoutExceedingConcurrency() {
        TestConfig.set("ojs.worker.concurrency", "8");
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            JsonArrayBuilder jobs = Json.createArrayBuilder();
            for (int i = 0; i < 100; i++) {
                jobs.add(Json.createObjectBuilder().add("type", "quick.job")
                        .add("args", args(ThreadLocalRandom.current().nextInt(6))));
            }
            JsonObject reply = http.post("/ojs/v1/jobs/batch", Json.createObjectBuilder().add("jobs", jobs).build());
            reply.getJsonArray("jobs").forEach(j -> ids.add(j.asJsonObject().getString("id")));
        }
        assertThat(ids).hasSize(1000);
        try (WeldContainer c = Ojs.boot(Scenarios.Quick.class)) {
            Worker worker = WorkerAccess.worker(c);
            Wait.until("1000 jobs completed", WorkerBehaviourTest::completed, n -> n >= 1000);
            assertThat(completed()).isEqualTo(1000);
            assertThat(ids).allSatisfy(id -> assertThat(Scenarios.calls(id)).isEqualTo(1));
            assertThat(worker.maxHeldJobs()).isBetween(2, 8);
            assertThat(Scenarios.MAX_RUNNING.get()).isLessThanOrEqualTo(8);
        }
    }

    private static final String HEARTBEAT = "/ojs/v1/workers/heartbeat";

    private static int completed() {
        return http.queueStats("default").getJsonObject("queue").getInt("completed");
    }

    @Test
    void heartbeatsKeepALongJobPastItsVisibilityTimeout() {
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            // lease 1 s, heartbeat every 0.2 s, job runs 2.5 s
            String id = http.enqueue("sleepy.job", args(2500));
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getString("result")).isEqualTo("slept 2500");
            assertThat(job.getInt("attempt")).isEqualTo(1);
            assertThat(Scenarios.calls(id)).isEqualTo(1);
        }
    }

    @Test
    void jobCancelledOnTheServerIsToldAndNotAcked() throws Exception {
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            String id = http.enqueue("cooperative.job", args());
            Scenarios.awaitStarted();
            http.cancel(id);
            Wait.until("the handler saw the cancellation", () -> Scenarios.TRACE, t -> !t.isEmpty());
            assertThat(Scenarios.TRACE).containsExactly("saw cancellation");
            Worker worker = WorkerAccess.worker(c);
            // the worker is done with the job (whatever it sends, it has sent): still cancelled, not acked
            Wait.until("the worker let go of the job", worker::heldJobs, n -> n == 0);
            assertThat(http.state(id)).isEqualTo("cancelled");
        }
    }

    @Test
    void perHandlerTimeoutFailsTheJobRetryable() {
        TestConfig.set("ojs.handler.\"blocking.job\".timeout", "PT0.3S");
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            String id = http.enqueue("blocking.job", args(), retry(1), null); // blocks until the test ends
            JsonObject job = http.await(id, j -> j.containsKey("error"));
            assertThat(job.getJsonObject("error").getString("message")).contains("did not finish within PT0.3S");
        } finally {
            Scenarios.release.countDown();
        }
    }

    @Test
    void quietDirectivePausesFetchingUntilItEnds() throws Exception {
        try (HostileOjsServer counting = HostileOjsServer.start()) {
            TestConfig.set("ojs.url", counting.url().toString());
            OjsHttp http = new OjsHttp(counting.url());
            try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
                Worker worker = WorkerAccess.worker(c);
                JsonObject meta = Json.createObjectBuilder().add("test_directive", "quiet").build();
                String quietJob = http.enqueue("blocking.job", args(), Json.createObjectBuilder().build(), meta);
                Scenarios.awaitStarted();
                awaitState(worker, Worker.State.QUIET);
                String waiting = http.enqueue("sleepy.job", args(1));
                // two heartbeats after the enqueue: a running worker would have fetched in between (poll 50 ms)
                int beats = counting.count(HEARTBEAT);
                Wait.until("two more heartbeats", () -> counting.count(HEARTBEAT), n -> n >= beats + 2);
                assertThat(http.state(waiting)).isEqualTo("available");

                Scenarios.release.countDown(); // the job carrying the directive ends, so does quiet
                http.awaitState(quietJob, "completed");
                http.awaitState(waiting, "completed");
                assertThat(worker.state()).isEqualTo(Worker.State.RUNNING);
            }
        } finally {
            Scenarios.release.countDown();
        }
    }

    @Test
    void terminateDirectiveDrainsAndStops() throws Exception {
        TestConfig.set("ojs.worker.id", "worker-to-terminate");
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            Worker worker = WorkerAccess.worker(c);
            String running = http.enqueue("blocking.job", args());
            Scenarios.awaitStarted();
            http.post("/ojs/v1/admin/workers/worker-to-terminate/terminate", Json.createObjectBuilder().build());
            awaitState(worker, Worker.State.DRAINING);
            String later = http.enqueue("sleepy.job", args(1));
            Scenarios.release.countDown();
            http.awaitState(running, "completed"); // drained: the running job still finishes and is acked
            assertThat(worker.awaitStopped(Wait.PATIENCE)).isTrue(); // it cannot fetch any more
            assertThat(http.state(later)).isEqualTo("available");
        }
    }

    @Test
    void gracefulStopFinishesShortJobsReleasesTheRestAndLosesNothing() throws Exception {
        TestConfig.set("ojs.worker.grace-period", "PT3S");
        TestConfig.set("ojs.worker.concurrency", "4");
        List<String> shortJobs = List.of(http.enqueue("sleepy.job", args(300)), http.enqueue("sleepy.job", args(400)));
        String longJob = http.enqueue("blocking.job", args());
        // @BeforeDestroyed(ApplicationScoped): drain for 3 s, then release. The long job only ends when released
        // (or after a minute), so finding it available again shows the stop did not wait for it.
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            Wait.until("all three jobs running", () -> shortJobs.stream().mapToInt(Scenarios::calls).sum()
                    + Scenarios.calls(longJob), n -> n == 3);
        }
        for (String id : shortJobs) {
            assertThat(http.state(id)).isEqualTo("completed");
            assertThat(Scenarios.calls(id)).isEqualTo(1);
        }
        JsonObject released = http.job(longJob);
        assertThat(released.getString("state")).isEqualTo("available");
        assertThat(leftoverWorkerThreads()).isEmpty();

        try (WeldContainer again = Ojs.boot(Scenarios.Blocking.class)) { // redeploy: the released job runs again
            assertThat(http.awaitState(longJob, "completed").getString("result")).isEqualTo("second run");
            assertThat(Scenarios.calls(longJob)).isEqualTo(2);
        }
        for (String id : shortJobs) {
            assertThat(Scenarios.calls(id)).isEqualTo(1); // acked once, never delivered again
        }
    }

    @Test
    void stoppingWorkerReportsTerminateWhileDrainingAndOnceMoreWithNoJobsAtTheEnd() throws Exception {
        TestConfig.set("ojs.worker.grace-period", "PT0.5S");
        try (HostileOjsServer recorder = HostileOjsServer.start()) {
            TestConfig.set("ojs.url", recorder.url().toString());
            String held = new OjsHttp(recorder.url()).enqueue("blocking.job", args());
            try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
                Scenarios.awaitStarted();
            } // closing drains for 0.5 s, then releases the held job
            List<HostileOjsServer.Received> calls = recorder.received();
            List<JsonObject> beats = calls.stream().filter(r -> r.path().equals("/ojs/v1/workers/heartbeat"))
                    .map(r -> Json.createReader(new java.io.StringReader(r.body())).readObject()).toList();
            assertThat(beats).anySatisfy(b -> {
                assertThat(b.getString("state")).isEqualTo("terminate");
                assertThat(b.getJsonArray("active_jobs").getString(0)).isEqualTo(held);
            });
            JsonObject last = beats.get(beats.size() - 1);
            assertThat(last.getString("state")).isEqualTo("terminate");
            assertThat(last.getJsonArray("active_jobs")).isEmpty();
            assertThat(calls.get(calls.size() - 1).path()).isEqualTo("/ojs/v1/workers/heartbeat"); // after the release
            assertThat(calls).anySatisfy(r -> assertThat(r.path()).isEqualTo("/ojs/v1/workers/nack"));
        } finally {
            Scenarios.release.countDown();
        }
    }

    /** Worker threads still alive once they had the chance to end (empty as soon as they have). */
    static List<String> leftoverWorkerThreads() {
        return Wait.patiently("worker threads to end").until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("ojs-worker-")).toList(),
                List::isEmpty);
    }

    static void awaitState(Worker worker, Worker.State state) {
        Wait.until("worker " + state, worker::state, s -> s == state);
    }
}
