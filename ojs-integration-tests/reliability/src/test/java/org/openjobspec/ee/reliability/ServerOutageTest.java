package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.ChildJvm;
import org.openjobspec.ee.reliability.support.Containers;
import org.openjobspec.ee.reliability.support.Executions;
import org.openjobspec.ee.reliability.support.OutageServerMain;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.ScenarioConfig;
import org.openjobspec.ee.reliability.support.WorkerLog;

/**
 * Issue 7, item 1: the OJS server, in its own JVM, goes away for 10 s while a worker works through 5,000 jobs, and
 * comes back on the same port with its state. The worker must recover by itself and lose or repeat nothing.
 */
class ServerOutageTest {

    static final int JOBS = 5000;
    static final Duration OUTAGE = Duration.ofSeconds(10);

    ChildJvm server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void workerRecoversAfterTenSecondOutageAndCompletesEveryJobOnce() throws Exception {
        int port = freePort();
        server = ChildJvm.start("outage-server", OutageServerMain.class, Map.of(), String.valueOf(port));
        server.awaitLine(l -> l.startsWith("OJS server listening on"), Api.PATIENCE);
        URI url = URI.create("http://127.0.0.1:" + port);
        Api api = new Api(url);
        List<String> ids = api.enqueueMany(JOBS, Api.job("rel.work", Api.args(15), Api.retry(5)));

        Executions.clear();
        ScenarioConfig.fast(url.toString());
        ScenarioConfig.set("ojs.worker.concurrency", "8");
        ScenarioConfig.set("ojs.worker.heartbeat-interval", "PT1S");
        ScenarioConfig.set("ojs.worker.visibility-timeout", "PT30S"); // leases outlive the outage
        ScenarioConfig.set("ojs.worker.backoff-max", "PT2S");
        long clientErrorMs;
        String clientError;
        long recoveredAfter;
        int completedBefore;
        long started = System.nanoTime();
        try (WorkerLog log = WorkerLog.attach();
             WeldContainer worker = Containers.boot();
             OjsClient client = OjsClient.builder().url(url).connectTimeout(Duration.ofSeconds(1))
                     .readTimeout(Api.PATIENCE).build()) {
            completedBefore = await().atMost(Duration.ofSeconds(120)).until(() -> completed(api), n -> n >= 1000);

            server.send("down");
            server.awaitLine("DOWN"::equals, Api.PATIENCE);
            long downAt = System.nanoTime();
            int ranWhenDown = Executions.distinct();
            long t0 = System.nanoTime();
            OjsException during = null;
            try {
                client.enqueue("rel.work", List.of(1));
            } catch (OjsException e) {
                during = e;
            }
            clientErrorMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(during).as("the client reports the outage as a typed transport error")
                    .isInstanceOf(OjsTransportException.class);
            clientError = during.getClass().getSimpleName() + "/" + during.code();
            // the worker met the outage: a heartbeat failed (it beats every second, busy or idle)
            await().atMost(Api.PATIENCE).until(() -> log.count("OJS-WRK-0004"), n -> n >= 1);
            // the injected fault itself: the server stays down for 10 s (not a wait for anything)
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
            int ranDuringOutage = Executions.distinct() - ranWhenDown;

            server.send("up");
            server.awaitLine(l -> l.startsWith("UP "), Api.PATIENCE);
            long upAt = System.nanoTime();
            long outageNanos = upAt - downAt;
            int completedAtUp = completed(api);
            await().atMost(Api.PATIENCE).until(() -> completed(api), n -> n > completedAtUp);
            recoveredAfter = System.nanoTime() - upAt;
            assertThat(client.enqueue("rel.work", List.of(1)).id()).as("the client works again").isNotBlank();

            int total = JOBS + 1;
            await().atMost(Duration.ofSeconds(400)).until(() -> completed(api), n -> n >= total);
            long tookNanos = System.nanoTime() - started;

            JsonObject q = api.queue("default");
            int notCompleted = 0;
            for (String id : ids) {
                if (!api.state(id).equals("completed")) {
                    notCompleted++;
                }
            }
            Report.line("outage", "injected=server JVM's HTTP server stopped " + Report.seconds(outageNanos)
                    + " (port closed, state kept) after " + completedBefore + " completions; enqueued=" + total
                    + " completed=" + q.getInt("completed") + " distinct_executed=" + Executions.distinct()
                    + " duplicates=" + Executions.duplicates() + " not_completed=" + notCompleted
                    + " jobs_started_during_outage=" + ranDuringOutage
                    + " recovered_after=" + Report.seconds(recoveredAfter)
                    + " client_error=" + clientError + " in " + clientErrorMs + "ms"
                    + " total_time=" + Report.seconds(tookNanos));

            assertThat(q.getInt("completed")).isEqualTo(total);
            assertThat(notCompleted).isZero();
            assertThat(q.getInt("active") + q.getInt("available") + q.getInt("retryable")).isZero();
            assertThat(Executions.distinct()).isEqualTo(total);
            assertThat(Executions.duplicates()).as("leases outlive the outage: nothing runs twice").isZero();
            // at most one capped backoff (2 s) after the server is back, plus one job's round trip on a slow machine
            assertThat(recoveredAfter).as("backoff is capped at 2 s").isLessThan(Duration.ofSeconds(5).toNanos());
        }
        server.send("quit");
    }

    private static int completed(Api api) {
        return api.queue("default").getInt("completed");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
