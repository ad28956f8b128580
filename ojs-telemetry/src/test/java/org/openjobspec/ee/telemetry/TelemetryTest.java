package org.openjobspec.ee.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.telemetry.testkit.App;
import org.openjobspec.ee.telemetry.testkit.Sdk;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0200;
import static org.openjobspec.ee.telemetry.internal.Messages.CFG_0203;

/**
 * Traces and metrics of real jobs: Weld SE with the real extensions, the OpenTelemetry SDK as the application's
 * {@code OpenTelemetry} bean (in-memory exporter and reader), and the embedded OJS server over HTTP.
 */
class TelemetryTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    EmbeddedOjsServer server;
    Sdk sdk;

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
        sdk = Sdk.start();
    }

    @AfterEach
    void stop() {
        sdk.close();
        server.close();
    }

    private App boot(String... config) {
        return App.boot(App.config(server.url().toString(), config), Handlers.class, Sdk.Producer.class);
    }

    private static String awaitState(OjsClient ojs, String id, String state) {
        await().atMost(PATIENCE).until(() -> ojs.getJob(id).state().equals(state));
        return id;
    }

    private SpanData awaitSpan(String name, String jobId) {
        return await().atMost(PATIENCE).until(() -> sdk.finished().stream()
                .filter(s -> s.getName().equals(name) && jobId.equals(s.getAttributes().get(AttributeKey.stringKey(
                        "ojs.job.id")))).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static void linksTo(io.opentelemetry.sdk.trace.data.LinkData link, SpanData producer) {
        assertThat(link.getSpanContext().getTraceId()).isEqualTo(producer.getTraceId());
        assertThat(link.getSpanContext().getSpanId()).isEqualTo(producer.getSpanId());
        assertThat(link.getSpanContext().isRemote()).as("read from the job's meta").isTrue();
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @Test
    void enqueueAndProcessSpansAreLinkedAndTheHandlersOwnSpanNestsUnderProcess() {
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            Job job = ojs.enqueue("report.build", "march", EnqueueOptions.defaults().queue("reports"));

            SpanData enqueue = sdk.span("reports enqueue").orElseThrow();
            assertThat(enqueue.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(attr(enqueue, "messaging.system")).isEqualTo("ojs");
            assertThat(attr(enqueue, "messaging.operation.type")).isEqualTo("send");
            assertThat(attr(enqueue, "messaging.destination.name")).isEqualTo("reports");
            assertThat(attr(enqueue, "ojs.job.type")).isEqualTo("report.build");
            assertThat(attr(enqueue, "ojs.job.id")).isEqualTo(job.id());
            assertThat(ojs.getJob(job.id()).meta().getString("traceparent")).isEqualTo("00-" + enqueue.getTraceId()
                    + "-" + enqueue.getSpanId() + "-" + enqueue.getSpanContext().getTraceFlags().asHex());

            SpanData process = awaitSpan("reports process", job.id());
            assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(process.getLinks()).singleElement().satisfies(link -> linksTo(link, enqueue));
            assertThat(process.getTraceId()).isNotEqualTo(enqueue.getTraceId());
            assertThat(attr(process, "messaging.system")).isEqualTo("ojs");
            assertThat(attr(process, "messaging.operation.type")).isEqualTo("process");
            assertThat(attr(process, "messaging.destination.name")).isEqualTo("reports");
            assertThat(attr(process, "ojs.job.type")).isEqualTo("report.build");
            assertThat(attr(process, "ojs.job.queue")).isEqualTo("reports");
            assertThat(attr(process, "ojs.worker.id")).startsWith("worker_");
            assertThat(process.getAttributes().get(AttributeKey.longKey("ojs.job.attempt"))).isEqualTo(1L);
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

            SpanData inside = sdk.span("render march").orElseThrow();
            assertThat(inside.getParentSpanContext()).isEqualTo(process.getSpanContext());
            awaitState(ojs, job.id(), "completed");
        }
    }

    @Test
    void anAsyncHandlersSpanIsCurrentOnlyInTheMethodAndEndsWhenItsStageCompletes() {
        Handlers.pending = null;
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            Job job = ojs.enqueue("report.later", "soon");
            CompletableFuture<String> pending = await().atMost(PATIENCE).until(() -> Handlers.pending,
                    java.util.Objects::nonNull);
            assertThat(Handlers.inMethod.isValid()).isTrue();
            assertThat(sdk.finished()).as("the stage is not complete yet")
                    .noneMatch(s -> s.getName().equals("default process"));
            pending.complete("done"); // on this thread: the continuation runs here, outside the handler's scope
            SpanData process = awaitSpan("default process", job.id());
            assertThat(Handlers.inMethod).isEqualTo(process.getSpanContext());
            assertThat(Handlers.inContinuation.isValid()).isFalse();
            assertThat(awaitState(ojs, job.id(), "completed")).isEqualTo(job.id());
        }
    }

    @Test
    void aFailingHandlerMarksItsProcessSpanAsAnError() {
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            Job job = ojs.enqueue("report.fail", null);
            SpanData process = awaitSpan("default process", job.id());
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(process.getStatus().getDescription()).isEqualTo("no printer for " + job.id());
            assertThat(attr(process, "error.type")).isEqualTo("org.openjobspec.ee.NonRetryableException");
            assertThat(process.getAttributes().get(AttributeKey.booleanKey("ojs.job.retryable"))).isFalse();
            assertThat(process.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
            awaitState(ojs, job.id(), "discarded");
        }
    }

    @Test
    void aBatchIsOneEnqueueSpanThatEveryJobsProcessSpanLinksTo() {
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            List<Job> jobs = ojs.enqueueBatch(List.of(JobSpec.of("report.build", "a"), JobSpec.of("report.async", "b")));
            SpanData batch = sdk.span("default enqueue_batch").orElseThrow();
            assertThat(batch.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(batch.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(2L);
            assertThat(attr(batch, "ojs.job.type")).as("not common to the batch").isNull();
            for (Job job : jobs) {
                assertThat(awaitSpan("default process", job.id()).getLinks()).singleElement()
                        .satisfies(link -> linksTo(link, batch));
            }
        }
    }

    @Test
    void aWorkflowIsOneEnqueueSpanThatItsStepsLinkTo() {
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            var flow = ojs.createWorkflow(org.openjobspec.ee.WorkflowDefinition.chain("monthly",
                    JobSpec.of("report.build", "jan"), JobSpec.of("report.build", "feb")));
            SpanData enqueue = sdk.span("default enqueue_workflow").orElseThrow();
            assertThat(enqueue.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(attr(enqueue, "ojs.workflow.id")).isEqualTo(flow.id());
            assertThat(attr(enqueue, "ojs.workflow.name")).isEqualTo("monthly");
            assertThat(attr(enqueue, "ojs.job.type")).isEqualTo("report.build");
            await().atMost(PATIENCE).until(() -> sdk.finished().stream()
                    .filter(s -> s.getName().equals("default process")).count() == 2);
            assertThat(sdk.finished()).filteredOn(s -> s.getName().equals("default process")).hasSize(2)
                    .allSatisfy(process -> assertThat(process.getLinks()).singleElement()
                            .satisfies(link -> linksTo(link, enqueue)));
        }
    }

    @Test
    void aJobEnqueuedElsewhereWithATraceparentKeepsItsLink() {
        // another application (another JVM, another SDK) enqueues through a plain client, without CDI
        try (Sdk elsewhere = new Sdk(); App app = boot()) {
            Span producer = elsewhere.otel.getTracer("elsewhere").spanBuilder("checkout").startSpan();
            SpanContext remote = producer.getSpanContext();
            String id;
            try (OjsClient plain = OjsClient.builder().url(server.url()).interceptor(job -> job.putMeta("traceparent",
                    "00-" + remote.getTraceId() + "-" + remote.getSpanId() + "-01")).build()) {
                id = plain.enqueue("report.build", "remote").id();
            } finally {
                producer.end();
            }
            SpanData process = awaitSpan("default process", id);
            assertThat(process.getLinks()).singleElement().satisfies(link -> {
                assertThat(link.getSpanContext().getTraceId()).isEqualTo(remote.getTraceId());
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(remote.getSpanId());
                assertThat(link.getSpanContext().isRemote()).isTrue();
            });
        }
    }

    @Test
    void aJobEnqueuedInAnotherJvmKeepsTheLinkToItsEnqueueSpan() throws Exception {
        Process producer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ProducerJvmMain.class.getName(), server.url().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // the child ends by itself; the bound only keeps a broken one from hanging the build
        assertThat(producer.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("producer JVM ended").isTrue();
        java.util.List<String> out = new String(producer.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(producer.exitValue()).as("exit code; output " + out).isZero();
        String jobId = out.stream().filter(l -> l.startsWith("JOB ")).findFirst().orElseThrow().substring(4);
        String[] span = out.stream().filter(l -> l.startsWith("SPAN ")).findFirst().orElseThrow().split(" ");

        try (App app = boot()) {
            SpanData process = awaitSpan("reports process", jobId);
            assertThat(process.getLinks()).singleElement().satisfies(link -> {
                assertThat(link.getSpanContext().getTraceId()).isEqualTo(span[1]);
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(span[2]);
                assertThat(link.getSpanContext().isRemote()).isTrue();
            });
            assertThat(sdk.span("reports enqueue")).as("this JVM enqueued nothing").isEmpty();
        }
    }

    @Test
    void metricsCountJobsAndTimeThemWithQueueTypeAndStateOnly() {
        try (App app = boot()) {
            OjsClient ojs = app.get(OjsClient.class);
            List<String> ids = List.of(ojs.enqueue("report.build", "1").id(), ojs.enqueue("report.build", "2").id(),
                    ojs.enqueue("report.async", "3").id(), ojs.enqueue("report.fail", null).id());
            awaitState(ojs, ids.get(3), "discarded");
            ids.subList(0, 3).forEach(id -> awaitState(ojs, id, "completed"));
            await().atMost(PATIENCE).until(() -> sdk.finished().stream()
                    .filter(s -> s.getName().equals("default process")).count() == 4);

            Map<String, MetricData> metrics = sdk.collect().stream()
                    .collect(Collectors.toMap(MetricData::getName, m -> m));
            assertThat(sum(metrics.get("ojs.job.enqueued"))).isEqualTo(4);
            assertThat(sum(metrics.get("ojs.job.completed"))).isEqualTo(3);
            assertThat(sum(metrics.get("ojs.job.failed"))).isEqualTo(1);
            assertThat(count(metrics.get("ojs.job.duration"))).isEqualTo(4);
            assertThat(count(metrics.get("ojs.job.queue_time"))).isEqualTo(4);
            assertThat(metrics.get("ojs.job.duration").getUnit()).isEqualTo("s");
            assertThat(metrics.get("ojs.job.queue_time").getUnit()).isEqualTo("s");
            Set<String> keys = metrics.values().stream().filter(m -> m.getName().startsWith("ojs."))
                    .flatMap(m -> m.getData().getPoints().stream())
                    .flatMap(p -> p.getAttributes().asMap().keySet().stream()).map(AttributeKey::getKey)
                    .collect(Collectors.toSet());
            assertThat(keys).containsExactlyInAnyOrder("ojs.job.queue", "ojs.job.type", "ojs.job.state");
            assertThat(metrics.get("ojs.job.duration").getHistogramData().getPoints())
                    .anySatisfy(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("ojs.job.state")))
                            .isEqualTo("failed"));
        }
    }

    private static long sum(MetricData metric) {
        return metric.getLongSumData().getPoints().stream().mapToLong(p -> p.getValue()).sum();
    }

    private static long count(MetricData metric) {
        return metric.getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum();
    }

    @Test
    void switchedOffItReportsNothingAndSendsNoTraceContext() {
        try (App app = boot("ojs.telemetry.enabled", "false")) {
            OjsClient ojs = app.get(OjsClient.class);
            String id = awaitState(ojs, ojs.enqueue("report.build", "quiet").id(), "completed");
            assertThat(ojs.getJob(id).metaOrEmpty()).doesNotContainKey("traceparent");
            assertThat(sdk.finished()).extracting(SpanData::getName).containsExactly("render quiet");
            assertThat(sdk.collect()).noneMatch(m -> m.getName().startsWith("ojs."));
        }
    }

    @Test
    void metricsWithoutTraces() {
        try (App app = boot("ojs.telemetry.traces.enabled", "false")) {
            OjsClient ojs = app.get(OjsClient.class);
            String id = awaitState(ojs, ojs.enqueue("report.build", "counted").id(), "completed");
            assertThat(ojs.getJob(id).metaOrEmpty()).doesNotContainKey("traceparent");
            await().atMost(PATIENCE).until(() -> sdk.collect().stream()
                    .anyMatch(m -> m.getName().equals("ojs.job.completed")));
            assertThat(sdk.finished()).extracting(SpanData::getName).containsExactly("render counted");
        }
    }

    @Test
    void deploymentFailsWithEveryConfigurationProblem() {
        assertThatThrownBy(() -> boot("ojs.telemetry.enabled", "yes", "ojs.telemetry.tracing", "on").close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(CFG_0200 + ": ojs.telemetry.enabled='yes' must be true or false")
                .hasMessageContaining(CFG_0203 + ": unknown key 'ojs.telemetry.tracing'");
    }
}
