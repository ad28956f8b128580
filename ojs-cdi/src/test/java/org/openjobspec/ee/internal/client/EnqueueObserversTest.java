package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.OjsDuplicateException;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.internal.spi.EnqueueObserver;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.WorkflowStatus;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.LogCapture;

import static org.openjobspec.ee.internal.Messages.CLI_0015;

/**
 * The hook the telemetry module uses on the client side: observers see every job that leaves (single, batch,
 * workflow members and callbacks), after the interceptors, may add meta that reaches the server, learn the outcome,
 * and cannot break an enqueue by failing. Real HTTP against the embedded server.
 */
class EnqueueObserversTest {

    EmbeddedOjsServer server;
    ExecutorService executor;
    final List<String> seen = new CopyOnWriteArrayList<>();

    /** Tags each job's meta and records what it is told. */
    final EnqueueObserver recorder = (operation, workflowName, jobs) -> {
        seen.add(operation + " " + workflowName + " " + jobs.stream().map(OutgoingJob::type).toList()
                + " tenant=" + jobs.get(0).meta().containsKey("tenant"));
        jobs.forEach(j -> j.putMeta("observed", operation.name()));
        return new EnqueueObserver.Sending() {
            @Override
            public void sent(List<Job> created, String workflowId) {
                seen.add("sent " + created.stream().map(Job::id).toList() + " workflow=" + (workflowId != null));
            }

            @Override
            public void failed(Throwable failure) {
                seen.add("failed " + failure.getClass().getSimpleName());
            }
        };
    };

    /** Fails at every step. */
    final EnqueueObserver breaking = (operation, workflowName, jobs) -> new EnqueueObserver.Sending() {
        @Override
        public void sent(List<Job> created, String workflowId) {
            throw new IllegalStateException("sent broke");
        }

        @Override
        public void failed(Throwable failure) {
            throw new IllegalStateException("failed broke");
        }
    };

    final EnqueueObserver refusing = (operation, workflowName, jobs) -> {
        throw new IllegalStateException("sending broke");
    };

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        server.close();
    }

    private OjsClient client(List<EnqueueObserver> observers) {
        return new DefaultOjsClient(ClientSettings.builder().url(server.url()).build(),
                List.of(job -> job.putMeta("tenant", "acme")), observers, executor);
    }

    @Test
    void observersSeeEveryJobAfterTheInterceptorsAndTheirMetaReachesTheServer() {
        try (OjsClient client = client(List.of(recorder))) {
            Job one = client.enqueue("t.one", 1);
            assertThat(seen).containsExactly("ENQUEUE null [t.one] tenant=true", "sent [" + one.id() + "] workflow=false");
            assertThat(client.getJob(one.id()).meta().getString("observed")).isEqualTo("ENQUEUE");

            seen.clear();
            List<Job> batch = client.enqueueBatch(List.of(JobSpec.of("t.a", 1), JobSpec.of("t.b", 2)));
            assertThat(seen).containsExactly("ENQUEUE_BATCH null [t.a, t.b] tenant=true",
                    "sent " + batch.stream().map(Job::id).toList() + " workflow=false");
            assertThat(batch).allSatisfy(j ->
                    assertThat(client.getJob(j.id()).meta().getString("observed")).isEqualTo("ENQUEUE_BATCH"));

            seen.clear();
            WorkflowStatus flow = client.createWorkflow(WorkflowDefinition.batch("reports",
                    JobSpec.of("t.report", 1), JobSpec.of("t.report", 2)).onComplete(JobSpec.of("t.done", null)));
            assertThat(flow.id()).isNotBlank();
            assertThat(seen).containsExactly("CREATE_WORKFLOW reports [t.report, t.report, t.done] tenant=true",
                    "sent [] workflow=true");
        }
    }

    @Test
    void aRefusedEnqueueIsReportedAsFailedAndBadInputNeverReachesObservers() {
        try (OjsClient client = client(List.of(recorder))) {
            Job first = client.enqueue("t.one", 1);
            seen.clear();
            assertThatThrownBy(() -> client.enqueue("t.one", 1, EnqueueOptions.defaults().id(first.id())))
                    .isInstanceOf(OjsDuplicateException.class);
            assertThat(seen).containsExactly("ENQUEUE null [t.one] tenant=true", "failed OjsDuplicateException");

            seen.clear();
            assertThatThrownBy(() -> client.enqueue("Bad Type", 1)).isInstanceOf(OjsValidationException.class);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void failingObserversAreLoggedAndChangeNothing() {
        try (LogCapture log = LogCapture.of(EnqueueObservers.class.getName(), java.util.logging.Level.WARNING);
             OjsClient client = client(List.of(refusing, breaking, recorder))) {
            Job one = client.enqueue("t.one", 1);
            assertThat(client.getJob(one.id()).meta().getString("observed")).isEqualTo("ENQUEUE");
            assertThatThrownBy(() -> client.enqueue("t.one", 1, EnqueueOptions.defaults().id(one.id())))
                    .isInstanceOf(OjsDuplicateException.class);
            assertThat(log.messages()).containsExactly(
                    CLI_0015 + ": an observer of ENQUEUE failed; the enqueue goes on",
                    CLI_0015 + ": an observer of ENQUEUE failed; the enqueue goes on",
                    CLI_0015 + ": an observer of ENQUEUE failed; the enqueue goes on",
                    CLI_0015 + ": an observer of ENQUEUE failed; the enqueue goes on");
        }
    }
}
