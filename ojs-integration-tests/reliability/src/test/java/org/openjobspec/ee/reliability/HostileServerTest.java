package org.openjobspec.ee.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsMalformedResponseException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsTimeoutException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.Containers;
import org.openjobspec.ee.reliability.support.Executions;
import org.openjobspec.ee.reliability.support.FaultProxy;
import org.openjobspec.ee.reliability.support.FaultProxy.Fault;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.reliability.support.ScenarioConfig;
import org.openjobspec.ee.reliability.support.WorkerLog;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 4: a server (here a proxy in front of the embedded server) that answers 500, 503 and 429 with
 * Retry-After, HTML, truncated JSON, JSON of the wrong types, or nothing at all. The client raises the matching
 * typed error within its read timeout; the worker backs off, honours Retry-After, keeps its threads, acks only
 * jobs it ran, and completes everything once the server heals.
 */
class HostileServerTest {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    EmbeddedOjsServer server;
    FaultProxy proxy;
    Api api;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedOjsServer.start();
        proxy = new FaultProxy(server.url());
        proxy.retryAfterSeconds(1);
        api = new Api(server.url());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.stop();
    }

    @Test
    void clientRaisesTheRightTypedErrorWithinItsTimeout() {
        Map<Fault, Class<? extends OjsException>> expected = new LinkedHashMap<>();
        expected.put(Fault.STATUS_500, OjsUnavailableException.class);
        expected.put(Fault.STATUS_503_RETRY_AFTER, OjsUnavailableException.class);
        expected.put(Fault.STATUS_429_RETRY_AFTER, OjsRateLimitedException.class);
        expected.put(Fault.NOT_JSON, OjsMalformedResponseException.class);
        expected.put(Fault.TRUNCATED_JSON, OjsMalformedResponseException.class);
        expected.put(Fault.HANGING, OjsTimeoutException.class);
        expected.put(Fault.WRONG_TYPES, OjsMalformedResponseException.class);
        List<String> seen = new ArrayList<>();
        try (OjsClient client = OjsClient.builder().url(proxy.url()).connectTimeout(Duration.ofSeconds(1))
                .readTimeout(READ_TIMEOUT).build()) {
            for (var e : expected.entrySet()) {
                proxy.inject(e.getKey());
                long t0 = System.nanoTime();
                Throwable thrown = null;
                try {
                    client.enqueue("rel.work", List.of(0), EnqueueOptions.defaults().queue("client-faults"));
                } catch (Throwable t) {
                    thrown = t;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                proxy.heal();
                String retryAfter = thrown instanceof OjsException oe && oe.retryAfter().isPresent()
                        ? " retry_after=" + oe.retryAfter().get().toSeconds() + "s" : "";
                seen.add(e.getKey() + "->" + (thrown == null ? "no error" : thrown.getClass().getSimpleName()
                        + (thrown instanceof OjsException oe ? "/" + oe.code() : "")) + retryAfter + " in " + ms + "ms");
                assertThat(thrown).as(e.getKey().toString()).isExactlyInstanceOf(e.getValue());
                // a hanging answer is let go after 60 s: ending far sooner, the call was ended by the read timeout
                assertThat(ms).as(e.getKey() + " ended by the client, not by the proxy letting go")
                        .isLessThan(Api.PATIENCE.toMillis() / 2);
                if (e.getKey() == Fault.STATUS_503_RETRY_AFTER || e.getKey() == Fault.STATUS_429_RETRY_AFTER) {
                    assertThat(((OjsException) thrown).retryAfter()).contains(Duration.ofSeconds(1));
                }
                if (e.getKey() == Fault.STATUS_500) {
                    assertThat(((OjsException) thrown).httpStatus()).isEqualTo(500);
                }
            }
            String healed = client.enqueue("rel.work", List.of(0), EnqueueOptions.defaults().queue("client-faults"))
                    .id();
            assertThat(api.state(healed)).isEqualTo("available");
        }
        Report.line("hostile-client", "injected=" + expected.size() + " faults on enqueue (read timeout "
                + READ_TIMEOUT.toMillis() + "ms); " + String.join(", ", seen) + "; after healing: enqueue ok");
    }

    @Test
    void workerBacksOffHonoursRetryAfterAndResumesWhenTheServerHeals() throws Exception {
        Executions.clear();
        ScenarioConfig.fast(proxy.url().toString());
        ScenarioConfig.set("ojs.read-timeout", "PT1S");
        ScenarioConfig.set("ojs.worker.concurrency", "4");
        ScenarioConfig.set("ojs.worker.heartbeat-interval", "PT0.5S");
        ScenarioConfig.set("ojs.worker.visibility-timeout", "PT2S");
        ScenarioConfig.set("ojs.worker.backoff-max", "PT2S");
        WorkerLog log = WorkerLog.attach();
        List<String> ids = new ArrayList<>();
        Map<Fault, Long> minFetchGapMs = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        // a phase lasts until the worker has met its fault often enough to measure how it reacts
        List<Phase> phases = List.of(
                new Phase(Fault.STATUS_500, "all", WORKER_CALLS, HostileServerTest::metTwice),
                new Phase(Fault.STATUS_503_RETRY_AFTER, "fetch", FETCH, HostileServerTest::fetchedThrice),
                new Phase(Fault.STATUS_429_RETRY_AFTER, "fetch", FETCH, HostileServerTest::fetchedThrice),
                new Phase(Fault.STATUS_503_RETRY_AFTER, "ack", ACK, HostileServerTest::oneJobAckedTwice),
                new Phase(Fault.NOT_JSON, "all", WORKER_CALLS, HostileServerTest::metTwice),
                new Phase(Fault.TRUNCATED_JSON, "all", WORKER_CALLS, HostileServerTest::metTwice),
                new Phase(Fault.HANGING, "all", WORKER_CALLS, HostileServerTest::metTwice),
                new Phase(Fault.WRONG_TYPES, "all", WORKER_CALLS, HostileServerTest::metTwice));
        Map<String, String> observed = new LinkedHashMap<>();
        try (WeldContainer worker = Containers.boot()) {
            for (Phase phase : phases) {
                ids.addAll(api.enqueueMany(40, Api.job("rel.work", Api.args(10), Api.retry(10))));
                long phaseStart = System.nanoTime();
                proxy.inject(phase.fault, phase.paths);
                await(phase.fault + "@" + phase.label).atMost(Api.PATIENCE).until(() -> proxy.seen().stream()
                        .filter(x -> x.fault() == phase.fault && x.nanos() >= phaseStart).toList(), phase.enough);
                proxy.heal();
                long healedAt = System.nanoTime();
                List<FaultProxy.Seen> hit = proxy.seen().stream()
                        .filter(x -> x.fault() == phase.fault && x.nanos() >= phaseStart).toList();
                long fetchGap = minGapMs(hit.stream().filter(x -> x.path().endsWith("/workers/fetch")).toList());
                long ackGap = hit.stream().filter(x -> x.jobId() != null)
                        .collect(java.util.stream.Collectors.groupingBy(FaultProxy.Seen::jobId)).values().stream()
                        .mapToLong(HostileServerTest::minGapMs).min().orElse(Long.MAX_VALUE);
                String key = phase.fault + "@" + phase.label;
                observed.put(key, hit.size() + " answers" + (fetchGap == Long.MAX_VALUE ? ""
                        : ", fetch min gap " + fetchGap + "ms") + (ackGap == Long.MAX_VALUE ? ""
                        : ", same-job ack retry min gap " + ackGap + "ms"));
                if (phase.label.equals("fetch")) {
                    minFetchGapMs.put(phase.fault, fetchGap);
                    assertThat(hit.stream().filter(x -> x.path().endsWith("/workers/fetch")).count())
                            .as("the worker fetched while " + key + " (else nothing is measured)")
                            .isGreaterThanOrEqualTo(2);
                }
                // the next phase starts once the worker is back: a fetch answered normally after healing
                await("a healthy fetch after " + key).atMost(Api.PATIENCE).until(() -> proxy.seen().stream()
                        .anyMatch(x -> x.fault() == Fault.NONE && x.nanos() >= healedAt
                                && x.path().endsWith("/workers/fetch")));
            }
            List<String> afterwards = api.enqueueMany(40, Api.job("rel.work", Api.args(10), null));
            ids.addAll(afterwards);
            for (String id : ids) {
                api.awaitState(id, "completed");
            }
            long tookNanos = System.nanoTime() - t0;

            Map<String, Integer> acks = proxy.allAcks();
            long ackedNotRun = acks.keySet().stream().filter(id -> Executions.runs(id) == 0).count();
            long ackedTwiceAccepted = ids.stream().filter(id -> proxy.acksAccepted(id) > 1).count();
            Report.line("hostile-worker", "injected=" + proxy.injectedCount() + " hostile answers to worker calls ("
                    + phases.size() + " phases, each until the worker met its fault 2-3 times); jobs=" + ids.size() + " completed=" + ids.stream()
                    .filter(id -> api.state(id).equals("completed")).count() + " executions=" + Executions.total()
                    + " redelivered=" + Executions.duplicates() + " acked_not_run=" + ackedNotRun
                    + " acks_accepted_twice=" + ackedTwiceAccepted + " phases=" + observed
                    + " worker_failed_logs=" + log.count("OJS-WRK-0017") + " worker_stopped_early="
                    + log.count("OJS-WRK-0016") + " took=" + Report.seconds(tookNanos));

            assertThat(ackedNotRun).as("no job is acked that was not run").isZero();
            assertThat(acks).doesNotContainKey("42"); // the id in the wrong-typed fetch answer
            assertThat(ackedTwiceAccepted).isZero();
            assertThat(minFetchGapMs.get(Fault.STATUS_503_RETRY_AFTER)).as("Retry-After 1s honoured on 503")
                    .isGreaterThanOrEqualTo(950);
            assertThat(minFetchGapMs.get(Fault.STATUS_429_RETRY_AFTER)).as("Retry-After 1s honoured on 429")
                    .isGreaterThanOrEqualTo(950);
            assertThat(log.count("OJS-WRK-0017")).as("the worker's coordinator never died").isZero();
            assertThat(log.count("OJS-WRK-0016")).as("the worker did not stop by itself").isZero();
            assertThat(Containers.workerThreads()).isNotEmpty();
        } finally {
            log.detach();
        }
    }

    /** An ack answered 503 with Retry-After is retried no sooner than the server asked. */
    @Test
    void ackRetriesHonourRetryAfter() {
        Executions.clear();
        ScenarioConfig.fast(proxy.url().toString());
        ScenarioConfig.set("ojs.worker.concurrency", "4");
        ScenarioConfig.set("ojs.worker.visibility-timeout", "PT10S");
        ScenarioConfig.set("ojs.worker.heartbeat-interval", "PT1S");
        proxy.retryAfterSeconds(1);
        proxy.inject(Fault.STATUS_503_RETRY_AFTER, ACK);
        long start = System.nanoTime();
        List<String> ids = api.enqueueMany(4, Api.job("rel.work", Api.args(0), null));
        try (WeldContainer worker = Containers.boot()) {
            await("one job's ack answered 503 twice").atMost(Api.PATIENCE).until(() -> proxy.seen().stream()
                    .filter(x -> x.fault() == Fault.STATUS_503_RETRY_AFTER && x.nanos() >= start).toList(),
                    HostileServerTest::oneJobAckedTwice);
            proxy.heal();
            for (String id : ids) {
                api.awaitState(id, "completed");
            }
        }
        long gap = proxy.seen().stream().filter(x -> x.fault() == Fault.STATUS_503_RETRY_AFTER && x.nanos() >= start
                        && x.jobId() != null)
                .collect(java.util.stream.Collectors.groupingBy(FaultProxy.Seen::jobId)).values().stream()
                .mapToLong(HostileServerTest::minGapMs).min().orElse(Long.MAX_VALUE);
        Report.line("hostile-ack-retry-after", "injected=503 Retry-After 1s on every ack until one job's ack "
                + "was retried; "
                + "smallest gap between two ack attempts of one job=" + gap + "ms");
        assertThat(gap).as("acks were retried (else nothing is measured)").isNotEqualTo(Long.MAX_VALUE);
        assertThat(gap).as("ack retries honour Retry-After 1s").isGreaterThanOrEqualTo(950);
    }

    static final java.util.function.Predicate<String> WORKER_CALLS = p -> p.startsWith("/ojs/v1/workers/");
    static final java.util.function.Predicate<String> FETCH = p -> p.endsWith("/workers/fetch");
    static final java.util.function.Predicate<String> ACK = p -> p.endsWith("/workers/ack");

    record Phase(Fault fault, String label, java.util.function.Predicate<String> paths,
                 java.util.function.Predicate<List<FaultProxy.Seen>> enough) {
    }

    /** Two of the worker's calls got the fault (which ones depends on what it holds: a full worker does not fetch). */
    private static boolean metTwice(List<FaultProxy.Seen> hit) {
        return hit.size() >= 2;
    }

    /** Three fetches, two gaps between them to measure. */
    private static boolean fetchedThrice(List<FaultProxy.Seen> hit) {
        return fetches(hit) >= 3;
    }

    private static long fetches(List<FaultProxy.Seen> hit) {
        return hit.stream().filter(x -> x.path().endsWith("/workers/fetch")).count();
    }

    private static boolean oneJobAckedTwice(List<FaultProxy.Seen> hit) {
        return hit.stream().filter(x -> x.jobId() != null)
                .collect(java.util.stream.Collectors.groupingBy(FaultProxy.Seen::jobId, java.util.stream.Collectors
                        .counting())).values().stream().anyMatch(n -> n >= 2);
    }

    /** Smallest gap between consecutive requests; MAX when fewer than two. */
    private static long minGapMs(List<FaultProxy.Seen> seen) {
        List<Long> times = seen.stream().map(FaultProxy.Seen::nanos).sorted().toList();
        long min = Long.MAX_VALUE;
        for (int i = 1; i < times.size(); i++) {
            min = Math.min(min, (times.get(i) - times.get(i - 1)) / 1_000_000);
        }
        return min;
    }
}
