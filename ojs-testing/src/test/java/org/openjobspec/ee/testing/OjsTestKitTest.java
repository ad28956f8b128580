package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openjobspec.ee.testing.internal.Messages;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.testing.EnqueuedJob.inQueue;
import static org.openjobspec.ee.testing.EnqueuedJob.withArgs;

/**
 * The kit's assertions and its drain bookkeeping against a real embedded server over HTTP. The jobs are fetched and
 * settled here with the worker protocol's own calls; drain through an application's real handlers is tested in
 * ojs-cdi (Weld SE), on Quarkus and on Open Liberty.
 */
@OjsServerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OjsTestKitTest {

    @InjectOjsServer
    static URI url;

    private static String enqueue(String type, String queue, String args) {
        TestHttp.Reply r = new TestHttp(url).post("/ojs/v1/jobs", "{\"type\":\"" + type + "\",\"args\":" + args
                + ",\"options\":{\"queue\":\"" + queue + "\",\"retry\":{\"max_attempts\":3,"
                + "\"initial_interval\":\"PT1H\"}}}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.job().getString("id");
    }

    /** Fetches one job of {@code queue} as a worker would; answers its id. */
    private static String fetch(String queue) {
        JsonObject body = new TestHttp(url).post("/ojs/v1/workers/fetch",
                "{\"queues\":[\"" + queue + "\"],\"count\":1,\"worker_id\":\"kit-test\"}").body();
        return body.getJsonArray("jobs").getJsonObject(0).getString("id");
    }

    @Test
    @Order(1)
    void assertsWhatWasEnqueuedByTypeArgsAndQueue(OjsTestKit ojs) {
        enqueue("email.send", "email", "[{\"to\":\"ada@example.org\",\"name\":\"Ada\"}]");
        enqueue("report.build", "default", "[2026, 12]");

        EnqueuedJob mail = ojs.assertEnqueued("email.send");
        assertThat(mail.queue()).isEqualTo("email");
        assertThat(mail.state()).isEqualTo("available");
        assertThat(mail.arg(0).asJsonObject().getString("name")).isEqualTo("Ada");
        ojs.assertEnqueued("email.send", "[{\"to\":\"ada@example.org\"}]");
        ojs.assertEnqueued("email.send", withArgs("[{\"to\":\"ada@example.org\"}]").and(inQueue("email")));
        ojs.assertEnqueued("report.build", "[2026.0, 12]");
        ojs.refuteEnqueued("email.send", "[{\"to\":\"bob@example.org\"}]");
        ojs.refuteEnqueued("email.send", inQueue("default"));
        ojs.refuteEnqueued("sms.send");
        assertThat(ojs.enqueued()).extracting(EnqueuedJob::type).containsExactly("email.send", "report.build");
        assertThat(ojs.enqueued("report.build")).hasSize(1);
    }

    @Test
    @Order(2)
    void aTestTakingTheKitStartsFromAClearedServer(OjsTestKit ojs) {
        assertThat(ojs.enqueued()).isEmpty();
        enqueue("left.behind", "default", "[]");
    }

    @Test
    @Order(3)
    @KeepOjsState
    void keepOjsStateKeepsTheJobsOfEarlierTests(OjsTestKit ojs) {
        ojs.assertEnqueued("left.behind");
    }

    @Test
    @Order(4)
    void failedAssertionsNameTheJobsThatWereEnqueued(OjsTestKit ojs) {
        enqueue("email.send", "email", "[{\"to\":\"ada@example.org\"}]");

        assertThatThrownBy(() -> ojs.assertEnqueued("email.send", "[{\"to\":\"bob@example.org\"}]"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(Messages.SRV_0913.id())
                .hasMessageContaining("bob@example.org").hasMessageContaining("ada@example.org");
        assertThatThrownBy(() -> ojs.refuteEnqueued("email.send"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(Messages.SRV_0914.id()).hasMessageContaining("found 1");
        assertThatThrownBy(() -> ojs.assertEnqueued("email.send", "{\"to\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(Messages.SRV_0912.id());
        assertThatThrownBy(() -> ojs.drain(" ")).hasMessageStartingWith(Messages.SRV_0915.id());
    }

    @Test
    @Order(5)
    void drainReturnsEachFinishedJobOnceWithItsOutcome(OjsTestKit ojs) {
        String done = enqueue("math.add", "math", "[1, 2]");
        new TestHttp(url).post("/ojs/v1/workers/ack", "{\"job_id\":\"" + fetch("math") + "\",\"result\":3}");
        enqueue("math.add", "other", "[3, 4]"); // another queue: neither waited for nor returned

        List<EnqueuedJob> ran = ojs.drain("math");

        assertThat(ran).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(done);
            assertThat(job.isCompleted()).isTrue();
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.result().toString()).isEqualTo("3");
        });
        assertThat(ojs.drain("math")).as("returned once").isEmpty();
    }

    @Test
    @Order(6)
    void drainFailsNamingTheJobsWhenNothingRunsThem(OjsTestKit ojs) {
        enqueue("nobody.serves", "orphans", "[]");

        // no worker exists in this JVM: the job cannot run, whatever the wait
        assertThatThrownBy(() -> ojs.drainTimeout(Duration.ofMillis(200)).drain("orphans"))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith(Messages.SRV_0910.id())
                .hasMessageContaining("nobody.serves").hasMessageContaining("ojs.worker.queues");
    }

    @Test
    @Order(7)
    void retryNowMakesAJobWaitingForItsRetryAvailableAtOnce(OjsTestKit ojs) {
        String id = enqueue("flaky.job", "flaky", "[]");
        new TestHttp(url).post("/ojs/v1/workers/nack", "{\"job_id\":\"" + fetch("flaky")
                + "\",\"error\":{\"code\":\"handler_error\",\"message\":\"boom\"}}");
        assertThat(ojs.assertEnqueued("flaky.job").state()).isEqualTo("retryable");

        JsonObject answer = new TestHttp(url).post("/ojs/v1/admin/jobs/retry-now?queues=flaky", "{}").body();

        assertThat(answer.getInt("promoted")).isEqualTo(1);
        EnqueuedJob job = ojs.assertEnqueued("flaky.job");
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.state()).isEqualTo("available");
        assertThat(job.errorMessage()).isEqualTo("boom");
    }
}
