package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.ChildJvm;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.WorkerMain;
import org.openjobspec.ee.testing.HostileOjsServer;

/**
 * Issue 7, item 2: a worker JVM is killed with SIGKILL while it holds jobs. The jobs come back when their lease
 * (2 s) ends and a second worker JVM completes them; none stays active.
 */
class WorkerCrashTest {

    static final int HELD = 8;

    HostileOjsServer server; // healthy: counts and records the requests
    ChildJvm victim;
    ChildJvm survivor;

    @BeforeEach
    void start() {
        server = HostileOjsServer.start();
    }

    @AfterEach
    void stop() {
        for (ChildJvm c : new ChildJvm[] {victim, survivor}) {
            if (c != null) {
                c.close();
            }
        }
        server.stop();
    }

    static Map<String, String> workerProperties(URI server, String id, int concurrency) {
        Map<String, String> p = new HashMap<>();
        p.put("ojs.url", server.toString());
        p.put("ojs.connect-timeout", "PT0.5S");
        p.put("ojs.worker.id", id);
        p.put("ojs.worker.concurrency", String.valueOf(concurrency));
        p.put("ojs.worker.poll-interval", "PT0.05S");
        p.put("ojs.worker.heartbeat-interval", "PT0.5S");
        p.put("ojs.worker.visibility-timeout", "PT2S");
        p.put("ojs.worker.grace-period", "PT2S");
        p.put("ojs.worker.backoff-max", "PT1S");
        return p;
    }

    @Test
    void jobsHeldByAKilledWorkerComeBackAndAreCompletedByAnother() throws Exception {
        Api api = new Api(server.url());
        List<String> ids = api.enqueueMany(HELD, Api.job("rel.hold", Api.args(), Api.retry(5)));

        Map<String, String> victimProps = workerProperties(server.url(), "crash-victim", HELD);
        victimProps.put("reliability.hold", "true");
        victim = ChildJvm.start("crash-victim", WorkerMain.class, victimProps);
        victim.awaitLine("READY"::equals, Duration.ofSeconds(60));
        await().atMost(Api.PATIENCE).until(victim::distinctRuns, n -> n == HELD);
        assertThat(ids).allSatisfy(id -> assertThat(api.state(id)).isEqualTo("active"));

        survivor = ChildJvm.start("crash-survivor", WorkerMain.class, workerProperties(server.url(), "crash-survivor",
                4));
        survivor.awaitLine("READY"::equals, Duration.ofSeconds(60));
        // the survivor has asked for work a few times: the held jobs are not available to it yet
        await().atMost(Api.PATIENCE).until(() -> fetchesBy("crash-survivor"), n -> n >= 3);
        assertThat(survivor.distinctRuns()).as("held jobs are not handed out while their lease runs").isZero();

        long killedAt = System.nanoTime();
        victim.kill();
        assertThat(victim.isAlive()).isFalse();
        await().atMost(Api.PATIENCE).until(() -> active(api), n -> n == 0);
        long backAfter = System.nanoTime() - killedAt;
        await().atMost(Api.PATIENCE).until(() -> api.queue("default").getInt("completed"), n -> n == HELD);
        long completedAfter = System.nanoTime() - killedAt;

        int secondAttempts = 0;
        for (String id : ids) {
            JsonObject job = api.job(id);
            assertThat(job.getString("state")).isEqualTo("completed");
            assertThat(job.getString("result")).isEqualTo("held and done");
            if (job.getInt("attempt") >= 2) {
                secondAttempts++;
            }
        }
        Report.line("crash", "injected=kill -9 of worker JVM (pid " + victim.pid() + ") holding " + HELD
                + " jobs, lease 2s; victim_started=" + victim.distinctRuns() + " back_after="
                + Report.seconds(backAfter) + " completed_by_second_worker=" + survivor.distinctRuns() + "/" + HELD
                + " completed_after_kill=" + Report.seconds(completedAfter) + " attempt_counted=" + secondAttempts
                + " still_active=" + active(api));

        assertThat(survivor.runs().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(survivor.runs().values()).allMatch(n -> n == 1);
        assertThat(active(api)).isZero();
        survivor.send("stop");
        survivor.awaitLine("STOPPED"::equals, Api.PATIENCE);
    }

    private long fetchesBy(String workerId) {
        return server.received().stream().filter(r -> r.path().equals("/ojs/v1/workers/fetch")
                && r.body().contains("\"" + workerId + "\"")).count();
    }

    private static int active(Api api) {
        return api.queue("default").getInt("active");
    }
}
