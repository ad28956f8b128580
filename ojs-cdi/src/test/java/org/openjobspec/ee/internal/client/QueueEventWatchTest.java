package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.rest.OjsRestConfig;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testkit.LogCapture;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.Wait;

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
        assertThat(executor.awaitTermination(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    private QueueEventWatch watch(java.net.URI url, String... queues) {
        return watch(url, activity::incrementAndGet, queues);
    }

    private QueueEventWatch watch(java.net.URI url, Runnable onActivity, String... queues) {
        OjsRestConfig config = OjsRestConfig.of(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
        return QueueEventWatch.open(config, List.of(queues), executor, onActivity, unsupported::add);
    }

    @Test
    void enqueueOnAWatchedQueueIsActivityAndOtherQueuesAreNot() {
        AtomicInteger otherActivity = new AtomicInteger();
        try (HostileOjsServer server = HostileOjsServer.start();
             QueueEventWatch watch = watch(server.url(), "mail", "reports");
             QueueEventWatch other = watch(server.url(), otherActivity::incrementAndGet, "other")) {
            OjsHttp http = new OjsHttp(server.url());
            Wait.until("both streams requested", () -> server.count("/ojs/v1/queues/mail/events") == 1
                    && server.count("/ojs/v1/queues/reports/events") == 1);
            // jobs on queue other, until the stream of that queue (opened with the others) has seen one
            Wait.retrying("the server published a job on queue other", () -> enqueueOn(http, "other"),
                    () -> otherActivity.get() > 0);
            enqueueOn(http, "mail");
            enqueueOn(http, "reports");
            // each stream delivers in order: had a job on queue other come through, it would come before these
            Wait.until("activity for mail and reports", activity::get, n -> n >= 2);
            assertThat(activity.get()).isEqualTo(2);
            assertThat(watch.gaveUp()).isFalse();
            assertThat(unsupported).isEmpty();
        }
    }

    @Test
    void serverWithoutStreamsIsGivenUpOnceFor404() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start()
                .always(Behaviour.json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no\"}}"));
             QueueEventWatch watch = watch(ojs.url(), "a", "b")) {
            awaitGaveUp(watch);
            int requests = ojs.count();
            assertThat(requests).isBetween(1, 2);
            // a stream that fails transiently, with the same reconnect delay, has reconnected twice meanwhile
            try (HostileOjsServer failing = HostileOjsServer.start().always(Behaviour.serverError());
                 QueueEventWatch control = watch(failing.url(), "c")) {
                Wait.until("two reconnects of a stream that fails transiently", failing::count, n -> n >= 3);
            }
            assertThat(ojs.count()).as("requests after giving up").isEqualTo(requests);
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
        try (LogCapture streamLog = LogCapture.of(SseSubscription.class.getName(), Level.FINE);
             QueueEventWatch watch = watch(nowhere, "a")) {
            Wait.until("a failed connect and a failed reconnect", () -> streamLog.messages().stream()
                    .filter(m -> m.startsWith("OJS event stream " + nowhere)).count(), n -> n >= 2);
            assertThat(watch.gaveUp()).isFalse();
            assertThat(unsupported).isEmpty();
        }
    }

    private static void enqueueOn(OjsHttp http, String queue) {
        http.enqueue("x.job", OjsHttp.args(), jakarta.json.Json.createObjectBuilder().add("queue", queue).build(), null);
    }

    private static void awaitGaveUp(QueueEventWatch watch) {
        Wait.until("the watch to give up", watch::gaveUp);
    }
}
