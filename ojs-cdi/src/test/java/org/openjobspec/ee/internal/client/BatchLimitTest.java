package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.internal.Messages.CLI_0007;
import static org.openjobspec.ee.internal.Messages.CLI_0016;
import static org.openjobspec.ee.internal.Messages.CLI_0017;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testkit.Wait;

/** {@code ojs.batch.max-bytes}: measured as the bytes sent, checked before any HTTP call; enqueueAll's batches. */
@Timeout(300)
class BatchLimitTest {

    private static final String BATCH = "/ojs/v1/jobs/batch";

    private static List<JobSpec> jobs(int count, int argChars) {
        String payload = "x".repeat(argChars);
        return IntStream.range(0, count).mapToObj(i -> JobSpec.of("t.bulk", payload + i,
                EnqueueOptions.defaults().queue("bulk"))).toList();
    }

    private static int bodyBytes(HostileOjsServer.Received request) {
        return request.body().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void theLimitIsTheBodyAsSentToTheByte() {
        List<JobSpec> jobs = jobs(5, 300);
        int sent;
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = OjsClient.builder().url(ojs.url()).build()) {
            client.enqueueBatch(jobs);
            sent = bodyBytes(ojs.last());
        }
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient exact = OjsClient.builder().url(ojs.url()).batchMaxBytes(sent).build();
             OjsClient under = OjsClient.builder().url(ojs.url()).batchMaxBytes(sent - 1).build()) {
            assertThatThrownBy(() -> under.enqueueBatch(jobs)).isInstanceOfSatisfying(OjsValidationException.class, e -> {
                assertThat(e.code()).isEqualTo(CLI_0016.id());
                assertThat(e.getMessage()).contains("5 jobs is " + sent + " bytes", "limit of " + (sent - 1) + " bytes",
                        "ojs.batch.max-bytes", "enqueueAll");
                assertThat(e.isRetryable()).isFalse();
            });
            assertThat(ojs.received()).as("nothing left the client").isEmpty();
            // ids are fixed client-side, so the same specs make a body of the same size
            assertThat(exact.enqueueBatch(jobs)).hasSize(5);
            assertThat(bodyBytes(ojs.last())).isEqualTo(sent);
        }
    }

    @Test
    void theDefaultLimitIsWhatTheServerAcceptsAndOverItNothingIsSent() {
        List<JobSpec> large = jobs(11, 100_000); // ~1.1 MB
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = OjsClient.builder().url(ojs.url()).build()) {
            assertThatThrownBy(() -> client.enqueueBatch(large)).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> assertThat(e.getMessage()).startsWith(CLI_0016 + ": ").contains("limit of 1048576 bytes"));
            assertThat(ojs.received()).isEmpty();
        }
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient raised = OjsClient.builder().url(ojs.url()).batchMaxBytes(4 << 20).build()) {
            // with the limit raised the body reaches the server, which refuses it: 413
            assertThatThrownBy(() -> raised.enqueueBatch(large)).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> assertThat(e.httpStatus()).isEqualTo(413));
            assertThat(ojs.count(BATCH)).as("413 is not retried").isEqualTo(1);
        }
    }

    @Test
    void enqueueAllSendsAnyNumberOfJobsInBatchesUnderTheLimitInOrder() throws Exception {
        List<JobSpec> jobs = jobs(60, 200);
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(ojs.url()).batchMaxBytes(4096).build()) {
            assertThatThrownBy(() -> client.enqueueBatch(jobs)).hasMessageStartingWith(CLI_0016.id());
            List<Job> created = client.enqueueAll(jobs);
            assertThat(created).hasSize(60);
            assertThat(created).extracting(j -> j.args().getString(0))
                    .containsExactlyElementsOf(jobs.stream().map(j -> (String) j.args()).toList());
            List<HostileOjsServer.Received> batches = ojs.received().stream().filter(r -> r.path().equals(BATCH)).toList();
            assertThat(batches).hasSizeGreaterThan(3).allSatisfy(r -> assertThat(bodyBytes(r)).isLessThanOrEqualTo(4096));
            assertThat(client.queueStats("bulk").available()).isEqualTo(60L);
            List<Job> async = client.enqueueAllAsync(jobs(30, 200)).toCompletableFuture()
                    .get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(async).hasSize(30);
            assertThat(client.enqueueAll(List.of())).isEmpty();
        }
    }

    @Test
    void enqueueAllRefusesAJobLargerThanABatchBeforeSendingAnything() {
        List<JobSpec> jobs = new ArrayList<>(jobs(3, 10));
        jobs.add(JobSpec.of("t.huge", "y".repeat(5000)));
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(ojs.url()).batchMaxBytes(4096).build()) {
            assertThatThrownBy(() -> client.enqueueAll(jobs)).isInstanceOfSatisfying(OjsValidationException.class, e -> {
                assertThat(e.code()).isEqualTo(CLI_0017.id());
                assertThat(e.getMessage()).contains("index 3", "t.huge", "4096");
            });
            assertThatThrownBy(() -> client.enqueueAll(null)).hasMessageStartingWith(CLI_0007.id());
            assertThat(ojs.received()).isEmpty();
        }
    }
}
