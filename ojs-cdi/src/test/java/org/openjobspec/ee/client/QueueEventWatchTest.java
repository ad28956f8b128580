package org.openjobspec.ee.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.rest.OjsRestConfig;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testkit.OjsHttp;

/** The worker's wake-up source: real streams of the embedded server, and servers that have none. */
class QueueEventWatchTest {

    private ExecutorService executor;
    private final AtomicInteger activity = new AtomicInteger();
    private final List<OjsException> unsupported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void pool() {
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private QueueEventWatch watch(java.net.URI url, String... queues) {
        OjsRestConfig config = OjsRestConfig.of(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
        return QueueEventWatch.open(config, List.of(queues), executor, activity::incrementAndGet, unsupported::add);
    }

    @Test
    void enqueueOnAWatchedQueueIsActivityAndOtherQueuesAreNot() {
        EmbeddedOjsServer server = EmbeddedOjsServer.start();
        try (QueueEventWatch watch = watch(server.url(), "mail", "reports")) {
            OjsHttp http = new OjsHttp(server.url());
            OjsHttp.sleep(500); // streams open
            http.enqueue("x.job", OjsHttp.args(), jakarta.json.Json.createObjectBuilder().add("queue", "other")
                    .build(), null);
            OjsHttp.sleep(300);
            assertThat(activity.get()).isZero();
            http.enqueue("x.job", OjsHttp.args(), jakarta.json.Json.createObjectBuilder().add("queue", "reports")
                    .build(), null);
            awaitActivity(1);
            assertThat(watch.gaveUp()).isFalse();
            assertThat(unsupported).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void serverWithoutStreamsIsGivenUpOnceFor404() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start()
                .always(Behaviour.json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no\"}}"));
             QueueEventWatch watch = watch(ojs.url(), "a", "b")) {
            awaitGaveUp(watch);
            OjsHttp.sleep(1500); // past the reconnect delay: nothing tries again
            int requests = ojs.count();
            assertThat(requests).isBetween(1, 2);
            OjsHttp.sleep(1200);
            assertThat(ojs.count()).isEqualTo(requests);
            assertThat(unsupported).hasSize(1);
            assertThat(unsupported.get(0).httpStatus()).isEqualTo(404);
        }
    }

    @Test
    void anAnswerThatIsNotAnEventStreamIsGivenUp() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start()
                .always(Behaviour.answer(200, Map.of("Content-Type", "text/html"), "<html>login</html>"));
             QueueEventWatch watch = watch(ojs.url(), "a")) {
            awaitGaveUp(watch);
            assertThat(unsupported).hasSize(1);
            assertThat(unsupported.get(0).getMessage()).contains("text/event-stream");
        }
    }

    @Test
    void aServerThatIsDownIsRetriedNotGivenUp() {
        java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:1");
        try (QueueEventWatch watch = watch(nowhere, "a")) {
            OjsHttp.sleep(1500);
            assertThat(watch.gaveUp()).isFalse();
            assertThat(unsupported).isEmpty();
        }
    }

    private void awaitActivity(int atLeast) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (activity.get() < atLeast && System.nanoTime() < end) {
            OjsHttp.sleep(10);
        }
        assertThat(activity.get()).isGreaterThanOrEqualTo(atLeast);
    }

    private static void awaitGaveUp(QueueEventWatch watch) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!watch.gaveUp() && System.nanoTime() < end) {
            OjsHttp.sleep(10);
        }
        assertThat(watch.gaveUp()).isTrue();
    }
}
