package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.ChildJvm;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.WorkerMain;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/** Issue 7, item 7: 50,000 jobs through two worker JVMs sharing one server, each job completed exactly once. */
class LoadTest {

    static final int JOBS = Integer.getInteger("reliability.load.jobs", 50_000);

    EmbeddedOjsServer server;
    ChildJvm first;
    ChildJvm second;

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
    }

    @AfterEach
    void stop() {
        for (ChildJvm c : new ChildJvm[] {first, second}) {
            if (c != null) {
                c.close();
            }
        }
        server.stop();
    }

    @Test
    void fiftyThousandJobsThroughTwoWorkersCompleteExactlyOnce() throws Exception {
        Api api = new Api(server.url());
        long t0 = System.nanoTime();
        List<String> ids = api.enqueueMany(JOBS, Api.job("rel.work", Api.args(0), null));
        long enqueueNanos = System.nanoTime() - t0;

        first = ChildJvm.start("load-worker-1", WorkerMain.class, properties("load-worker-1"));
        second = ChildJvm.start("load-worker-2", WorkerMain.class, properties("load-worker-2"));
        first.awaitLine("READY"::equals, Duration.ofSeconds(60));
        second.awaitLine("READY"::equals, Duration.ofSeconds(60));
        long t1 = System.nanoTime();
        await().atMost(Duration.ofSeconds(60 + JOBS / 25)).until(() -> api.queue("default").getInt("completed"),
                n -> n >= JOBS);
        long runNanos = System.nanoTime() - t1;
        first.send("stop");
        second.send("stop");
        first.awaitLine("STOPPED"::equals, Api.PATIENCE);
        second.awaitLine("STOPPED"::equals, Api.PATIENCE);

        Map<String, Integer> a = first.runs();
        Map<String, Integer> b = second.runs();
        int executions = a.values().stream().mapToInt(Integer::intValue).sum()
                + b.values().stream().mapToInt(Integer::intValue).sum();
        Set<String> executed = new HashSet<>(a.keySet());
        executed.addAll(b.keySet());
        int duplicates = executions - executed.size();
        int completed = api.queue("default").getInt("completed");
        Report.line("load", "injected=none (2 worker JVMs x concurrency 16, 1 server); enqueued=" + ids.size()
                + " completed=" + completed + " executions=" + executions + " (worker1=" + a.size() + " worker2="
                + b.size() + ") duplicates=" + duplicates + " enqueue_time=" + Report.seconds(enqueueNanos)
                + " run_time=" + Report.seconds(runNanos) + " throughput="
                + Math.round(JOBS / (runNanos / 1e9)) + "/s");

        assertThat(completed).isEqualTo(JOBS);
        assertThat(executed).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(duplicates).isZero();
        assertThat(a.size()).as("both workers took part").isPositive();
        assertThat(b.size()).as("both workers took part").isPositive();
        assertThat(api.queue("default").getInt("active")).isZero();
    }

    private Map<String, String> properties(String id) {
        Map<String, String> p = new HashMap<>(WorkerCrashTest.workerProperties(server.url(), id, 16));
        p.put("ojs.worker.heartbeat-interval", "PT1S");
        p.put("ojs.worker.visibility-timeout", "PT30S");
        return p;
    }
}
