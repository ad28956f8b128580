package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.Containers;
import org.openjobspec.ee.reliability.support.Executions;
import org.openjobspec.ee.reliability.support.Jobs;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.ScenarioConfig;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 5: args that cannot be bound, a handler that always throws and a handler that never returns, mixed
 * with ordinary jobs. Each poison job ends in its own terminal state with a clear error on the job; the ordinary
 * jobs, before and after, all complete.
 */
class PoisonJobsTest {

    EmbeddedOjsServer server;

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
        Executions.clear();
        Jobs.hangRelease = new CountDownLatch(1);
        ScenarioConfig.fast(server.url().toString());
        ScenarioConfig.set("ojs.worker.concurrency", "4");
        ScenarioConfig.set("ojs.handler.\"rel.hang\".timeout", "PT1S");
    }

    @AfterEach
    void stop() {
        Jobs.hangRelease.countDown();
        server.stop();
    }

    @Test
    void poisonJobsEndWithAClearErrorAndTheWorkerKeepsGoing() {
        Api api = new Api(server.url());
        List<String> before = api.enqueueMany(100, Api.job("rel.work", Api.args(5), null));
        String unbindable = api.enqueue(Api.job("rel.add", Api.args("two", 3), Api.retry(3)));
        String throwing = api.enqueue(Api.job("rel.throws", Api.args(), Api.retry(2)));
        String hanging = api.enqueue(Api.job("rel.hang", Api.args(), Api.retry(1)));
        List<String> after = api.enqueueMany(100, Api.job("rel.work", Api.args(5), null));
        long t0 = System.nanoTime();
        try (WeldContainer worker = Containers.boot()) {
            JsonObject bad = api.await(unbindable, PoisonJobsTest::terminal);
            JsonObject threw = api.await(throwing, PoisonJobsTest::terminal);
            JsonObject hung = api.await(hanging, PoisonJobsTest::terminal);
            for (String id : before) {
                api.awaitState(id, "completed");
            }
            for (String id : after) {
                api.awaitState(id, "completed");
            }
            // the hung handler still holds its thread: the worker must go on without that slot
            List<String> later = api.enqueueMany(50, Api.job("rel.work", Api.args(5), null));
            for (String id : later) {
                api.awaitState(id, "completed");
            }
            long tookNanos = System.nanoTime() - t0;
            Jobs.hangRelease.countDown(); // lets the stuck thread go, so the stop below is not held up by it

            Report.line("poison", "injected=unbindable args, always-throwing handler (2 attempts), handler that "
                    + "never returns (timeout 1s) among 250 ordinary jobs; rel.add=" + summary(bad)
                    + " rel.throws=" + summary(threw) + " rel.hang=" + summary(hung)
                    + " ordinary_completed=" + (before.size() + after.size() + later.size())
                    + "/250 took=" + Report.seconds(tookNanos));

            assertThat(bad.getString("state")).isEqualTo("discarded");
            assertThat(Executions.runs(unbindable)).as("args are bound before the handler runs").isZero();
            assertThat(error(bad).getString("message")).contains("Cannot bind args[0]").contains("Jobs#add");
            assertThat(error(bad).getBoolean("retryable")).isFalse();

            assertThat(threw.getString("state")).isIn("discarded", "dead_letter");
            assertThat(Executions.runs(throwing)).isEqualTo(2);
            assertThat(error(threw).getString("message")).isEqualTo("poison: the handler always throws");

            assertThat(hung.getString("state")).isIn("discarded", "dead_letter");
            assertThat(error(hung).getString("message")).contains("did not finish within PT1S");
        }
    }

    private static boolean terminal(JsonObject job) {
        return List.of("completed", "discarded", "dead_letter", "cancelled").contains(job.getString("state"));
    }

    private static JsonObject error(JsonObject job) {
        return job.getJsonObject("error");
    }

    private static String summary(JsonObject job) {
        JsonObject e = job.getJsonObject("error");
        return job.getString("state") + "(attempt " + job.getInt("attempt") + ", error "
                + (e == null ? "none" : e.getString("code", "?") + " '" + e.getString("message", "") + "'") + ")";
    }
}
