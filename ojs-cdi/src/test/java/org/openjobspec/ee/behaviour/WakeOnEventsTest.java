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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testkit.Wait;

/**
 * ojs.worker.wake-on-events: a job enqueued on an idle worker starts at once when the worker watches the queue's event
 * stream, and only at the next poll when it does not. Not a timing benchmark: with an hour between polls, a job that
 * starts at all was started by the stream.
 */
class WakeOnEventsTest {

    static final String FETCH = "/ojs/v1/workers/fetch";
    static final String EVENTS = "/ojs/v1/queues/default/events";
    /** Job id to the number of fetches the server had received when the handler started. */
    static final Map<String, Integer> STARTED = new ConcurrentHashMap<>();
    static HostileOjsServer counting;
    static OjsHttp http;

    @ApplicationScoped
    public static class Recorder {
        @JobHandler("wake.job")
        public void run(JobContext ctx) {
            STARTED.put(ctx.jobId(), counting.count(FETCH));
        }
    }

    @BeforeEach
    void start() {
        STARTED.clear();
        counting = HostileOjsServer.start();
        http = new OjsHttp(counting.url());
        Ojs.fastConfig(counting.server());
        TestConfig.set("ojs.worker.poll-interval", "PT1H");
    }

    @AfterEach
    void stop() {
        counting.close();
    }

    @Test
    void jobOnIdleWorkerStartsAtOnceWhenWakingOnEvents() {
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            awaitWatching();
            for (int i = 0; i < 3; i++) {
                String id = http.enqueue("wake.job", args());
                awaitStart(id);
            }
        }
    }

    @Test
    void withoutEventsTheJobWaitsForThePoll() {
        TestConfig.set("ojs.worker.wake-on-events", "false");
        TestConfig.set("ojs.worker.poll-interval", "PT1S");
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            Wait.until("the first fetch", () -> counting.count(FETCH), n -> n >= 1);
            int fetchesBefore = counting.count(FETCH);
            String id = http.enqueue("wake.job", args());
            assertThat(awaitStart(id)).as("fetches when the job started").isGreaterThan(fetchesBefore);
        }
        assertThat(counting.count(EVENTS)).as("requests for the event stream").isZero();
    }

    @Test
    void stopLeavesNoThreadBehind() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (WeldContainer c = Ojs.boot(Recorder.class)) {
            awaitWatching();
        }
        // the JDK's HttpClient selector thread ends once its client is unreachable (Java 17 has no close())
        Wait.patiently("threads started by the worker to end").pollInterval(Duration.ofMillis(300)).until(() -> {
            System.gc();
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t) && !notTheWorkers(t.getName()))
                    .map(Thread::getName).collect(Collectors.toSet());
        }, Set::isEmpty);
    }

    /**
     * Waits until the worker's event stream is open: enqueues probe jobs until one starts. Probes go out only after the
     * worker's first fetch, and the next poll is an hour away, so only the stream can start one.
     */
    private static void awaitWatching() {
        Wait.until("the first fetch and the event stream request", () -> counting.count(FETCH) >= 1
                && counting.count(EVENTS) >= 1);
        Wait.retrying("a probe job woken by the event stream", () -> http.enqueue("wake.job", args()),
                () -> !STARTED.isEmpty());
    }

    /** Waits for the job to start; returns the number of fetches the server had seen by then. */
    private static int awaitStart(String id) {
        return Wait.until("job " + id + " started", () -> STARTED.get(id), n -> n != null);
    }

    /**
     * Threads that are not the worker's: the JDK's once-per-JVM timers, the test's own OJS server, which keeps a
     * thread per client connection until it notices the connection is gone, the test's own HTTP client (its idle
     * threads linger up to a minute, which once outlasted the wait on a loaded machine), and the JDK HTTP client's
     * selector thread, which on Java 17 ends only when the client is garbage-collected, not when its streams are closed
     * (seen alive 15 s after stop in one run of four; a known gap listed in the README).
     */
    private static boolean notTheWorkers(String name) {
        return name.equals("CompletableFutureDelayScheduler") || name.equals("Common-Cleaner")
                || name.startsWith("ForkJoinPool.commonPool") || name.startsWith("ojs-server-")
                || name.startsWith("test-http-")
                || name.matches("HttpClient-\\d+-SelectorManager");
    }
}
