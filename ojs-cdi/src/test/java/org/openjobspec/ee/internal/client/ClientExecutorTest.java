package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.Wait;

/** Where a plain-Java client runs its async calls and event callbacks, and who shuts that executor down. */
@Timeout(180)
class ClientExecutorTest {

    /** The threads that ran an async call (seen by an interceptor) and an event listener, in that order. */
    private static BlockingQueue<Thread> runThrough(OjsClient.Builder builder, EmbeddedOjsServer server,
                                                    BlockingQueue<Thread> seen) throws Exception {
        try (OjsClient client = builder.url(server.url()).interceptor(job -> seen.add(Thread.currentThread()))
                .build()) {
            client.enqueueAsync("t.exec", null).toCompletableFuture().get(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            BlockingQueue<Thread> listeners = new LinkedBlockingQueue<>();
            EventSubscription subscription = client.subscribeQueue("exec", e -> listeners.add(Thread.currentThread()));
            Thread listener = null;
            long deadline = System.nanoTime() + Wait.PATIENCE.toNanos();
            while (listener == null && System.nanoTime() < deadline) {
                // the stream may still be connecting: enqueue until an event arrives
                client.enqueue("t.exec", null, EnqueueOptions.defaults().queue("exec"));
                listener = listeners.poll(300, TimeUnit.MILLISECONDS);
            }
            assertThat(listener).as("an event reached the listener").isNotNull();
            subscription.close();
            Thread call = seen.poll();
            seen.clear();
            seen.add(call);
            seen.add(listener);
        }
        return seen;
    }

    @Test
    void withoutAnExecutorTheClientRunsOnANamedDaemonPoolOfItsOwnThatCloseShutsDown() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start()) {
            BlockingQueue<Thread> threads = runThrough(OjsClient.builder(), server, new LinkedBlockingQueue<>());
            Thread call = threads.poll();
            Thread listener = threads.poll();
            assertThat(call.getName()).matches("ojs-client-\\d+-\\d+");
            assertThat(call.isDaemon()).isTrue();
            String pool = call.getName().substring(0, call.getName().lastIndexOf('-') + 1);
            assertThat(listener.getName()).startsWith(pool);
            Wait.until("the closed client's pool to end", () -> !poolThreadsAlive(pool));
        }
    }

    @Test
    void aGivenExecutorRunsEverythingAndIsNotShutDownByClose() throws Exception {
        ExecutorService mine = Executors.newCachedThreadPool(r -> new Thread(r, "mine"));
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start()) {
            BlockingQueue<Thread> threads = runThrough(OjsClient.builder().executor(mine), server,
                    new LinkedBlockingQueue<>());
            assertThat(threads).extracting(Thread::getName).containsExactly("mine", "mine");
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    private static boolean poolThreadsAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }
}
