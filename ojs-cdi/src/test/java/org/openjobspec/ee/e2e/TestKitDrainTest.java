package org.openjobspec.ee.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.testing.EnqueuedJob.inQueue;
import static org.openjobspec.ee.testing.EnqueuedJob.withArgs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.internal.cdi.OjsClientProducer;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.EnqueuedJob;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testing.OjsTestKit;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.TestConfig;

/**
 * ojs-testing's {@link OjsTestKit} in a Weld SE test: drain runs the jobs through the application's real handlers,
 * on its own worker, booted with the real extension.
 */
@OjsServerTest
class TestKitDrainTest {

    public record Order(String id, String email) {
    }

    public record Receipt(String to, int attempt) {
    }

    @ApplicationScoped
    public static class Shop {
        static final Map<String, Integer> DELIVERIES = new ConcurrentHashMap<>();

        @Inject
        OjsClient ojs;

        /** Enqueues the confirmation mail: a job enqueued by a handler, on the queue being drained. */
        @JobHandler("order.place")
        public String place(Order order) {
            ojs.enqueue("email.send", order.email(), EnqueueOptions.defaults().queue("kit"));
            return order.id();
        }

        @JobHandler("email.send")
        public Receipt send(String to, JobContext job) {
            return new Receipt(to, job.attempt());
        }

        /** Fails on its first two deliveries, like a gateway that comes back. */
        @JobHandler("payment.capture")
        public String capture(String orderId) {
            if (DELIVERIES.merge(orderId, 1, Integer::sum) <= 2) {
                throw new IllegalStateException("gateway unavailable for " + orderId);
            }
            return "captured " + orderId;
        }

        @JobHandler("always.fails")
        public void fail() {
            throw new IllegalStateException("never works");
        }
    }

    private WeldContainer app;

    @BeforeEach
    void startApplication(EmbeddedOjsServer server) {
        Ojs.fastConfig(server);
        TestConfig.set("ojs.worker.queues", "kit");
        Shop.DELIVERIES.clear();
        app = Ojs.boot(Shop.class, OjsClientProducer.class);
    }

    @AfterEach
    void stopApplication() {
        app.close();
    }

    private OjsClient client() {
        return app.select(OjsClient.class).get();
    }

    private static EnqueueOptions kit() {
        return EnqueueOptions.defaults().queue("kit");
    }

    @Test
    void drainRunsJobsAndTheJobsTheirHandlersEnqueueThroughTheRealHandlers(OjsTestKit ojs) {
        client().enqueue("order.place", new Order("o-1", "ada@example.org"), kit());

        List<EnqueuedJob> ran = ojs.drain("kit");

        assertThat(ran).extracting(EnqueuedJob::type).containsExactly("order.place", "email.send");
        assertThat(ran).allMatch(EnqueuedJob::isCompleted);
        assertThat(ran.get(1).result().asJsonObject().getString("to")).isEqualTo("ada@example.org");
        ojs.assertEnqueued("email.send", withArgs("[\"ada@example.org\"]").and(inQueue("kit")));
        assertThat(ojs.drain("kit")).as("each job is returned once").isEmpty();
    }

    @Test
    void aRetriedJobRunsAgainAtOnceUntilItSucceedsAndIsReportedOnce(OjsTestKit ojs) {
        // an hour between attempts: only the kit's skipping of the backoff lets this test finish
        client().enqueue("payment.capture", "o-2",
                kit().retry(RetryPolicy.attempts(5).initialInterval(Duration.ofHours(1))));

        List<EnqueuedJob> ran = ojs.drain("kit");

        assertThat(ran).singleElement().satisfies(job -> {
            assertThat(job.isCompleted()).isTrue();
            assertThat(job.attempt()).isEqualTo(3);
            assertThat(job.errors()).hasSize(2);
            assertThat(job.result().toString()).isEqualTo("\"captured o-2\"");
        });
    }

    @Test
    void aJobThatKeepsFailingIsReportedDiscardedOnceItsAttemptsAreExhausted(OjsTestKit ojs) {
        client().enqueue("always.fails", null, kit().retry(RetryPolicy.attempts(3).initialInterval(Duration.ofHours(1))));

        EnqueuedJob job = ojs.drain("kit").get(0);

        assertThat(job.state()).isEqualTo("discarded");
        assertThat(job.attempt()).isEqualTo(3);
        assertThat(job.errorMessage()).contains("never works");
    }

    @Test
    void aJobThatCannotExhaustItsAttemptsInTimeFailsTheDrainAtItsTimeout(OjsTestKit ojs) {
        client().enqueue("always.fails", null, kit().retry(RetryPolicy.attempts(1_000_000)));

        assertThatThrownBy(() -> ojs.drainTimeout(Duration.ofMillis(500)).drain("kit"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("always.fails");
    }

    @Test
    void scheduledJobsAreNeitherRunNorReturned(OjsTestKit ojs) {
        client().enqueue("email.send", "later@example.org", kit().delay(Duration.ofHours(1)));
        client().enqueue("email.send", "now@example.org", kit());

        List<EnqueuedJob> ran = ojs.drain("kit");

        assertThat(ran).singleElement().satisfies(job -> assertThat(job.arg(0).toString()).contains("now@"));
        assertThat(ojs.assertEnqueued("email.send", "[\"later@example.org\"]").state()).isEqualTo("scheduled");
    }

    @Test
    void drainOfAQueueTheWorkerDoesNotServeFailsNamingTheJob(OjsTestKit ojs) {
        client().enqueue("email.send", "lost@example.org", EnqueueOptions.defaults().queue("unserved"));
        // the worker serves "kit": once a job there has run, the worker has had its chance at "unserved" too
        client().enqueue("email.send", "served@example.org", kit());
        assertThat(ojs.drain("kit")).hasSize(1);

        assertThatThrownBy(() -> ojs.drainTimeout(Duration.ofMillis(300)).drain("unserved"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lost@example.org");
    }
}
