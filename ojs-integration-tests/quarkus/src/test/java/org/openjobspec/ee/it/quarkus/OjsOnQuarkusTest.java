package org.openjobspec.ee.it.quarkus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.internal.cdi.HandlerCatalog;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.model.Job;

/**
 * The same ojs-cdi jar as in the WARs, in a Quarkus application: ArC runs only the Build Compatible Extension, which
 * finds the handler and registers the library's beans (the client producer among them).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedOjsResource.class)
class OjsOnQuarkusTest {

    @TestHTTPResource("/greeting")
    URL greeting;

    @Inject
    OjsClient ojs;

    @Inject
    BeanManager beanManager;

    @Test
    void handlerCatalogComesFromTheBuildCompatibleExtension() {
        // ArC never runs portable extensions: the catalog bean can only have come from the BCE's @Synthesis
        assertTrue(Arc.container().isRunning());
        assertFalse(isPresent("org.jboss.weld.bootstrap.WeldBootstrap"), "Weld must not be on a Quarkus classpath");
        HandlerCatalog catalog = Arc.container().instance(HandlerCatalog.class).get();
        List<String> handlers = catalog.entries().stream()
                .map(e -> e.jobType() + "=" + e.beanClass() + "#" + e.methodName()).sorted().toList();
        assertEquals(List.of("greeting.compose=" + Greetings.class.getName() + "#compose",
                "test.hold=" + HoldJobs.class.getName() + "#hold"), handlers);
        assertEquals(1, beanManager.getBeans(OjsClient.class).size());
        // nothing injects the handler bean, yet ArC kept it, with @Default (the BCE marks it; see HandlerBean)
        assertTrue(Arc.container().instance(Greetings.class).isAvailable());
    }

    @Test
    void cronEntriesComeFromTheBuildCompatibleExtensionAndAreRegisteredAtStartup() {
        HandlerCatalog catalog = Arc.container().instance(HandlerCatalog.class).get();
        assertEquals(List.of("quarkus-greeting=" + Greetings.class.getName() + "#compose"), catalog.crons().stream()
                .map(c -> c.name() + "=" + c.beanClass() + "#" + c.methodName()).toList());
        CronJob entry = await("the @Cron entry registered at startup").atMost(Duration.ofSeconds(60))
                .until(() -> ojs.cronJobs().stream().filter(c -> c.name().equals("quarkus-greeting")).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertEquals("0 3 * * *", entry.effectiveExpression());
        assertEquals("greeting.compose", entry.effectiveJobType());
        assertEquals("[{\"name\":\"cron\"}]", entry.jobTemplate().args().toString());
    }

    @Test
    void jobEnqueuedByAResourceRunsOnTheManagedExecutorAndItsResultIsReadable() throws Exception {
        assertEquals("127.0.0.1", greeting.getHost());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(greeting + "?name=quarkus"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        Job job = awaitFinished(response.body());

        assertEquals("completed", job.state(), job.toString());
        JsonObject result = job.result().asJsonObject();
        assertEquals("hello quarkus", result.getString("text"));
        assertEquals(1, result.getInt("attempt"));
        // Quarkus' MicroProfile ManagedExecutor runs tasks on its worker pool, "executor-thread-N"; the library's
        // own fallback pool would be "ojs-worker-N-M"
        assertTrue(result.getString("thread").startsWith("executor-thread-"), result.toString());
    }

    @Test
    void injectedClientEnqueuesAndReadsJobs() {
        assertEquals("127.0.0.1", EmbeddedOjsResource.server.url().getHost());
        Job job = ojs.enqueue("greeting.compose", new Greetings.Person("client"));

        assertEquals("greeting.compose", job.type());
        Job done = awaitFinished(job.id());
        assertEquals("completed", done.state(), done.toString());
        assertEquals("hello client", done.result().asJsonObject().getString("text"));
    }

    /** Records the thread of every enqueue of a {@code thread.probe} job: the thread that ran the client's call. */
    @ApplicationScoped
    public static class CallThreads implements EnqueueInterceptor {
        static final BlockingQueue<String> NAMES = new LinkedBlockingQueue<>();

        @Override
        public void beforeEnqueue(OutgoingJob job) {
            if ("thread.probe".equals(job.type())) {
                NAMES.add(Thread.currentThread().getName());
            }
        }
    }

    @Test
    void clientAsyncCallsAndSubscriptionCallbacksRunOnTheManagedExecutorNotTheCommonPool() throws Exception {
        // a queue no worker serves
        EnqueueOptions options = EnqueueOptions.defaults().queue("thread-probe");
        CallThreads.NAMES.clear();
        ojs.enqueueAsync("thread.probe", null, options).toCompletableFuture().get(60, TimeUnit.SECONDS);
        String call = CallThreads.NAMES.poll(10, TimeUnit.SECONDS);

        BlockingQueue<String> listeners = new LinkedBlockingQueue<>();
        EventSubscription subscription = ojs.subscribeQueue("thread-probe",
                event -> listeners.add(Thread.currentThread().getName()));
        String listener = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listener == null && System.nanoTime() < deadline) {
                // the stream may still be connecting: enqueue until an event arrives
                ojs.enqueue("thread.probe", null, options);
                listener = listeners.poll(300, TimeUnit.MILLISECONDS);
            }
        } finally {
            subscription.close();
        }

        // Quarkus' MicroProfile ManagedExecutor: its worker pool, "executor-thread-N" (so not the common pool,
        // "ForkJoinPool.commonPool-worker-N", where the client used to run)
        assertTrue(call != null && call.startsWith("executor-thread-"), "async call ran on " + call);
        assertTrue(listener != null && listener.startsWith("executor-thread-"), "listener ran on " + listener);
    }

    private Job awaitFinished(String id) {
        return await("job " + id).atMost(Duration.ofSeconds(60)).until(() -> ojs.getJob(id),
                job -> List.of("completed", "discarded", "cancelled").contains(job.state()));
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, OjsOnQuarkusTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
