package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.Containers;
import org.openjobspec.ee.reliability.support.Executions;
import org.openjobspec.ee.reliability.support.FaultProxy;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.ScenarioConfig;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 3 (Weld SE part): the application stops (container closed) with 20 jobs of 2 s in flight. With a
 * 5 s grace period all finish and are acked once; with 1 s they are handed back and a new worker completes them.
 * Acks and releases are counted by a proxy between the worker and the server.
 */
class GracefulStopTest {

    static final int JOBS = 20;

    EmbeddedOjsServer server;
    FaultProxy proxy;
    Api api;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedOjsServer.start();
        proxy = new FaultProxy(server.url());
        api = new Api(server.url());
        Executions.clear();
        ScenarioConfig.fast(proxy.url().toString());
        ScenarioConfig.set("ojs.worker.concurrency", String.valueOf(JOBS));
        ScenarioConfig.set("ojs.worker.visibility-timeout", "PT10S");
        ScenarioConfig.set("ojs.worker.heartbeat-interval", "PT1S");
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.stop();
    }

    @Test
    void fiveSecondGraceFinishesAllTwentyAndAcksEachOnce() {
        ScenarioConfig.set("ojs.worker.grace-period", "PT5S");
        Stopped stopped = runThenStop();
        List<String> ids = stopped.ids();
        long stopNanos = stopped.stopNanos();
        List<String> threads = stopped.threadsLeft();

        int completed = 0;
        int ackedOnce = 0;
        for (String id : ids) {
            completed += api.state(id).equals("completed") ? 1 : 0;
            ackedOnce += proxy.acks(id) == 1 && proxy.acksAccepted(id) == 1 ? 1 : 0;
        }
        Report.line("graceful-stop-5s", "injected=Weld SE container closed with " + JOBS
                + " jobs of 2s in flight, grace 5s; completed=" + completed + " acked_once=" + ackedOnce
                + " acks_sent=" + proxy.allAcks().values().stream().mapToInt(Integer::intValue).sum()
                + " released=" + proxy.totalReleases() + " executions=" + Executions.total()
                + " stop_took=" + Report.seconds(stopNanos) + " worker_threads_left=" + threads.size());

        assertThat(completed).isEqualTo(JOBS);
        assertThat(ackedOnce).isEqualTo(JOBS);
        assertThat(proxy.totalReleases()).isZero();
        assertThat(Executions.total()).isEqualTo(JOBS);
        assertThat(threads).isEmpty();
    }

    @Test
    void oneSecondGraceReleasesTheUnfinishedAndAnotherWorkerCompletesThem() {
        ScenarioConfig.set("ojs.worker.grace-period", "PT1S");
        ScenarioConfig.set("ojs.worker.id", "stopping-worker");
        Stopped stopped = runThenStop();
        List<String> ids = stopped.ids();
        long stopNanos = stopped.stopNanos();
        List<String> threads = stopped.threadsLeft();

        int releasedAvailable = 0;
        int completedBeforeRestart = 0;
        for (String id : ids) {
            String state = api.state(id);
            releasedAvailable += state.equals("available") ? 1 : 0;
            completedBeforeRestart += state.equals("completed") ? 1 : 0;
        }
        int released = proxy.totalReleases();

        ScenarioConfig.set("ojs.worker.id", "second-worker");
        ScenarioConfig.set("ojs.worker.grace-period", "PT5S");
        int completedBySecond = 0;
        try (WeldContainer second = Containers.boot()) {
            for (String id : ids) {
                JsonObject job = api.awaitState(id, "completed");
                completedBySecond += "second-worker".equals(job.getString("worker_id", null)) ? 1 : 0;
            }
        }
        int ackedOnce = 0;
        for (String id : ids) {
            ackedOnce += proxy.acks(id) == 1 && proxy.acksAccepted(id) == 1 ? 1 : 0;
        }
        Report.line("graceful-stop-1s", "injected=Weld SE container closed with " + JOBS
                + " jobs of 2s in flight, grace 1s; released=" + released + " available_after_stop="
                + releasedAvailable + " completed_before_stop=" + completedBeforeRestart
                + " completed_by_second_worker=" + completedBySecond + " acked_once=" + ackedOnce
                + " executions=" + Executions.total() + " stop_took=" + Report.seconds(stopNanos)
                + " worker_threads_left=" + threads.size());

        assertThat(released + completedBeforeRestart).isEqualTo(JOBS);
        assertThat(released).as("2 s jobs cannot finish within 1 s").isEqualTo(JOBS);
        assertThat(releasedAvailable).isEqualTo(released);
        assertThat(completedBySecond).isEqualTo(released);
        assertThat(ackedOnce).isEqualTo(JOBS);
        assertThat(stopNanos).as("the stop waited for the grace period").isGreaterThan(Duration.ofMillis(900).toNanos());
        assertThat(threads).isEmpty();
    }

    /** What closing the application took and left: the ids of its 20 jobs, the time, its threads still alive. */
    private record Stopped(List<String> ids, long stopNanos, List<String> threadsLeft) {
    }

    /** Enqueues 20 jobs of 2 s, boots a worker and closes it as soon as all 20 are running. */
    private Stopped runThenStop() {
        List<String> ids = api.enqueueMany(JOBS, Api.job("rel.work", Api.args(2000), Api.retry(3)));
        WeldContainer app = Containers.boot();
        long stopNanos;
        try {
            await().atMost(Api.PATIENCE).until(Executions::distinct, n -> n == JOBS);
        } finally {
            long t0 = System.nanoTime();
            app.close();
            stopNanos = System.nanoTime() - t0;
        }
        return new Stopped(ids, stopNanos, awaitNoWorkerThreads());
    }

    /** The worker threads still alive once they had their chance to end: empty as soon as they have. */
    private static List<String> awaitNoWorkerThreads() {
        return await("worker threads to end").atMost(Api.PATIENCE).until(Containers::workerThreads, List::isEmpty);
    }
}
