package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;

/**
 * ojs.worker.wake-on-events: with a 5 s poll interval, a job enqueued on an idle worker starts at once when the
 * worker watches the queue's event stream, and only at the next poll when it does not. Not a timing benchmark: the
 * bounds are a second against five.
 */
@OjsServerTest(resetBetweenTests = true)
class WakeOnEventsTest {

    static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
    @InjectOjsServer
    static EmbeddedOjsServer server;
    static OjsHttp http;

    @ApplicationScoped
    public static class Recorder {
        @JobHandler("wake.job")
        public void run(JobContext ctx) {
            STARTED.put(ctx.jobId(), System.nanoTime());
        }
    }

    @BeforeAll
    static void client() {
        http = new OjsHttp(server.url());
    }

    @BeforeEach
    void reset() {
        STARTED.clear();
        Ojs.fastConfig(server);
        TestConfig.set("ojs.worker.poll-interval", "PT5S");
    }

    @Test
    void jobOnIdleWorkerStartsAtOnceWhenWakingOnEvents() {
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            OjsHttp.sleep(700); // past the first fetch: the worker is idle until the next poll, 5 s away
            for (int i = 0; i < 3; i++) {
                long enqueued = System.nanoTime();
                String id = http.enqueue("wake.job", args());
                long startedMs = awaitStart(id, Duration.ofSeconds(4), enqueued);
                assertThat(startedMs).as("pickup of job %d in ms", i).isLessThan(1000);
                OjsHttp.sleep(200);
            }
        }
    }

    @Test
    void withoutEventsTheJobWaitsForThePoll() {
        TestConfig.set("ojs.worker.wake-on-events", "false");
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            OjsHttp.sleep(700);
            long enqueued = System.nanoTime();
            String id = http.enqueue("wake.job", args());
            OjsHttp.sleep(1500);
            assertThat(STARTED).doesNotContainKey(id);
            long startedMs = awaitStart(id, Duration.ofSeconds(10), enqueued);
            assertThat(startedMs).isGreaterThan(1500).isLessThan(6000);
        }
    }

    @Test
    void stopLeavesNoThreadBehind() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            OjsHttp.sleep(500);
            long enqueued = System.nanoTime();
            String id = http.enqueue("wake.job", args());
            assertThat(awaitStart(id, Duration.ofSeconds(4), enqueued)).isLessThan(1000);
        }
        // the JDK's HttpClient selector thread ends once its client is unreachable (Java 17 has no close())
        Set<String> left = Set.of();
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            System.gc();
            OjsHttp.sleep(300);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t) && !notTheWorkers(t.getName()))
                    .map(Thread::getName).collect(Collectors.toSet());
            if (left.isEmpty()) {
                break;
            }
        }
        assertThat(left).isEmpty();
    }

    /**
     * Threads that are not the worker's: the JDK's once-per-JVM timers, the test's own OJS server, which keeps a
     * thread per client connection until it notices the connection is gone, and the JDK HTTP client's selector
     * thread, which on Java 17 ends only when the client is garbage-collected, not when its streams are closed
     * (seen alive 15 s after stop in one run of four; a known gap listed in the README).
     */
    private static boolean notTheWorkers(String name) {
        return name.equals("CompletableFutureDelayScheduler") || name.equals("Common-Cleaner")
                || name.startsWith("ForkJoinPool.commonPool") || name.startsWith("ojs-server-")
                || name.matches("HttpClient-\\d+-SelectorManager");
    }

    private static long awaitStart(String id, Duration timeout, long enqueuedNanos) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!STARTED.containsKey(id) && System.nanoTime() < end) {
            OjsHttp.sleep(5);
        }
        assertThat(STARTED).as("job %s started within %s", id, timeout).containsKey(id);
        return (STARTED.get(id) - enqueuedNanos) / 1_000_000;
    }
}
