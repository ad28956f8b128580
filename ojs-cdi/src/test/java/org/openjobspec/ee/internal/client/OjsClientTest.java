package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.UniquePolicy;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.error.OjsConflictException;
import org.openjobspec.ee.error.OjsDuplicateException;
import org.openjobspec.ee.error.OjsNotFoundException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.model.DeadLetterPage;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.Health;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobError;
import org.openjobspec.ee.model.Manifest;
import org.openjobspec.ee.model.NackRequest;
import org.openjobspec.ee.model.QueueStats;
import org.openjobspec.ee.model.WorkflowStatus;
import org.openjobspec.ee.rest.OjsWorkerApi;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.Wait;

/** Every client operation against the embedded OJS server over real HTTP. */
@Timeout(300)
class OjsClientTest {

    public record Email(String to, String subject) {
    }

    private static EmbeddedOjsServer server;
    private OjsClient client;
    private OjsWorkerApi worker;

    @BeforeAll
    static void startServer() {
        server = EmbeddedOjsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        server.reset();
        client = OjsClient.builder().url(server.url()).readTimeout(Duration.ofSeconds(30)).build();
        worker = ClientSettings.builder().url(server.url()).build().restClient(OjsWorkerApi.class);
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
        ((Closeable) worker).close();
    }

    @Test
    void enqueueAndGetARecordArg() {
        Job job = client.enqueue("email.send", new Email("a@b.c", "Welcome"));
        assertThat(job.id()).matches("[0-9a-f-]{36}");
        assertThat(job.state()).isEqualTo("available");
        assertThat(job.queue()).isEqualTo("default");
        Job read = client.getJob(job.id());
        assertThat(read.type()).isEqualTo("email.send");
        assertThat(read.args()).hasSize(1);
        assertThat(read.args().getJsonObject(0).getString("to")).isEqualTo("a@b.c");
        assertThat(read.args().getJsonObject(0).getString("subject")).isEqualTo("Welcome");
    }

    @Test
    void argsConvention() {
        assertThat(client.getJob(client.enqueue("t.args", null).id()).args()).isEmpty();
        assertThat(client.getJob(client.enqueue("t.args", "plain").id()).args().getString(0)).isEqualTo("plain");
        assertThat(client.getJob(client.enqueue("t.args", 42).id()).args().getInt(0)).isEqualTo(42);
        assertThat(client.getJob(client.enqueue("t.args", Map.of("k", "v")).id()).args().getJsonObject(0).getString("k"))
                .isEqualTo("v");
        Job positional = client.getJob(client.enqueue("t.args", JobArgs.of("x", 2, null, new Email("t", "s"))).id());
        assertThat(positional.args().toString()).isEqualTo("[\"x\",2,null,{\"subject\":\"s\",\"to\":\"t\"}]");
        Job scalars = client.getJob(client.enqueue("t.args", JobArgs.of(Long.MAX_VALUE, (short) -3, (byte) 7, false,
                "\"quoted\" \u00e9\n", 1.5, new java.math.BigDecimal("0.10"))).id());
        assertThat(scalars.args().toString())
                .isEqualTo("[9223372036854775807,-3,7,false,\"\\\"quoted\\\" \u00e9\\n\",1.5,0.10]");
        Job raw = client.getJob(client.enqueue("t.args", Json.createArrayBuilder().add(1).add(true).build()).id());
        assertThat(raw.args().toString()).isEqualTo("[1,true]");
    }

    @Test
    void everyOptionReachesTheServer() {
        Instant at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant expires = at.plus(1, ChronoUnit.HOURS);
        EnqueueOptions options = EnqueueOptions.defaults()
                .queue("email")
                .priority(7)
                .timeout(Duration.ofSeconds(90))
                .scheduledAt(at)
                .expiresAt(expires)
                .retry(RetryPolicy.attempts(5).initialInterval(Duration.ofMillis(1500)).backoffCoefficient(3.0)
                        .maxInterval(Duration.ofMinutes(2)).jitter(false).nonRetryableErrors("Fatal", "auth.*")
                        .onExhaustion(RetryPolicy.Exhaustion.DEAD_LETTER))
                .unique(UniquePolicy.by(UniquePolicy.Key.TYPE, UniquePolicy.Key.ARGS).period(Duration.ofMinutes(10))
                        .onConflict(UniquePolicy.OnConflict.REJECT))
                .tags("billing", "eu")
                .meta("tenant", "acme")
                .schema("urn:ojs:schema:email.send:v1")
                .visibilityTimeout(Duration.ofSeconds(45));
        Job job = client.getJob(client.enqueue("email.send", "x", options).id());
        assertThat(job.queue()).isEqualTo("email");
        assertThat(job.priority()).isEqualTo(7);
        assertThat(job.timeoutMs()).isEqualTo(90_000L);
        assertThat(job.state()).isEqualTo("scheduled");
        assertThat(job.scheduledAt()).isEqualTo(at);
        assertThat(job.expiresAt()).isEqualTo(expires);
        assertThat(job.maxAttempts()).isEqualTo(5);
        assertThat(job.retry().initialInterval()).isEqualTo("PT1.5S");
        assertThat(job.retry().backoffCoefficient()).isEqualTo(3.0);
        assertThat(job.retry().maxInterval()).isEqualTo("PT2M");
        assertThat(job.retry().jitter()).isFalse();
        assertThat(job.retry().nonRetryableErrors()).containsExactly("Fatal", "auth.*");
        assertThat(job.retry().onExhaustion()).isEqualTo("dead_letter");
        assertThat(job.unique().keys()).containsExactly("type", "args");
        assertThat(job.unique().period()).isEqualTo("PT10M");
        assertThat(job.unique().onConflict()).isEqualTo("reject");
        assertThat(job.tags()).containsExactly("billing", "eu");
        assertThat(job.meta().getString("tenant")).isEqualTo("acme");
        assertThat(job.schema()).isEqualTo("urn:ojs:schema:email.send:v1");
    }

    @Test
    void delayMakesTheJobScheduled() {
        Instant before = Instant.now();
        Job job = client.enqueue("t.delay", null, EnqueueOptions.defaults().delay(Duration.ofMinutes(5)));
        assertThat(job.state()).isEqualTo("scheduled");
        assertThat(job.scheduledAt()).isBetween(before.plus(Duration.ofMinutes(5)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
    }

    @Test
    void visibilityTimeoutReachesTheServer() throws Exception {
        // long enough to see the job active right after the fetch, far shorter than the server's default of 30 min
        Job job = client.enqueue("t.lease", null, EnqueueOptions.defaults().visibilityTimeout(Duration.ofSeconds(3)));
        assertThat(worker.fetch(new FetchRequest(List.of("default"), 1, "w-1", null)).jobs())
                .extracting(Job::id).containsExactly(job.id());
        assertThat(client.getJob(job.id()).state()).isEqualTo("active");
        Wait.until("the lease of 3 s to expire", () -> client.getJob(job.id()).state(), "available"::equals);
    }

    @Test
    void clientChosenIdAndDuplicates() {
        String id = org.openjobspec.ee.rest.Uuid7.next();
        Job job = client.enqueue("t.id", null, EnqueueOptions.defaults().id(id));
        assertThat(job.id()).isEqualTo(id);
        assertThatThrownBy(() -> client.enqueue("t.id", null, EnqueueOptions.defaults().id(id)))
                .isInstanceOfSatisfying(OjsDuplicateException.class, e -> {
                    assertThat(e.code()).isEqualTo("duplicate");
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void uniqueRejectAndIgnore() {
        EnqueueOptions reject = EnqueueOptions.defaults().unique(UniquePolicy.by(UniquePolicy.Key.TYPE, UniquePolicy.Key.ARGS));
        Job first = client.enqueue("t.unique", "same", reject);
        assertThatThrownBy(() -> client.enqueue("t.unique", "same", reject))
                .isInstanceOfSatisfying(OjsDuplicateException.class,
                        e -> assertThat(e.existingJobId()).contains(first.id()));
        Job ignored = client.enqueue("t.unique", "same",
                reject.unique(UniquePolicy.by(UniquePolicy.Key.TYPE, UniquePolicy.Key.ARGS).onConflict(UniquePolicy.OnConflict.IGNORE)));
        assertThat(ignored.id()).isEqualTo(first.id());
        assertThat(client.enqueue("t.unique", "other", reject).id()).isNotEqualTo(first.id());
    }

    @Test
    void batchEnqueue() {
        List<Job> jobs = client.enqueueBatch(List.of(JobSpec.of("t.batch", 1),
                JobSpec.of("t.batch", 2, EnqueueOptions.defaults().queue("other"))));
        assertThat(jobs).hasSize(2);
        assertThat(client.getJob(jobs.get(1).id()).queue()).isEqualTo("other");
        assertThat(client.getJob(jobs.get(0).id()).args().getInt(0)).isEqualTo(1);
    }

    @Test
    void getAndCancel() {
        assertThatThrownBy(() -> client.getJob("0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b"))
                .isInstanceOfSatisfying(OjsNotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.httpStatus()).isEqualTo(404);
                });
        Job job = client.enqueue("t.cancel", null);
        Job cancelled = client.cancel(job.id());
        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThat(client.getJob(job.id()).cancelledAt()).isNotNull();
        assertThatThrownBy(() -> client.cancel(job.id())).isInstanceOf(OjsConflictException.class)
                .isNotInstanceOf(OjsDuplicateException.class);
    }

    @Test
    void chainWorkflow() {
        WorkflowStatus chain = client.createWorkflow(WorkflowDefinition.chain("etl",
                JobSpec.of("etl.extract", "src").named("extract"),
                JobSpec.of("etl.load", null, EnqueueOptions.defaults().queue("etl"))));
        assertThat(chain.id()).isNotBlank();
        assertThat(chain.type()).isEqualTo("chain");
        assertThat(chain.total()).isEqualTo(2);
        Job step = worker.fetch(new FetchRequest(List.of("default"), 1, "w", null)).jobs().get(0);
        assertThat(step.type()).isEqualTo("etl.extract");
        worker.ack(new AckRequest(step.id(), Json.createObjectBuilder().add("rows", 3).build(), "w"));
        Job next = worker.fetch(new FetchRequest(List.of("etl"), 1, "w", null)).jobs().get(0);
        assertThat(next.type()).isEqualTo("etl.load");
        assertThat(next.parentResultsList()).singleElement()
                .satisfies(r -> assertThat(r.asJsonObject().getInt("rows")).isEqualTo(3));
        assertThat(client.getWorkflow(chain.id()).completed()).isEqualTo(1);
        WorkflowStatus cancelled = client.cancelWorkflow(chain.id());
        assertThat(cancelled.state()).isEqualTo("cancelled");
        assertThatThrownBy(() -> client.cancelWorkflow(chain.id())).isInstanceOf(OjsConflictException.class);
    }

    @Test
    void groupAndBatchWorkflowsWithCallbacks() {
        WorkflowStatus group = client.createWorkflow(WorkflowDefinition.group("exports",
                JobSpec.of("export.csv", null), JobSpec.of("export.pdf", null)));
        assertThat(group.type()).isEqualTo("group");
        assertThat(group.total()).isEqualTo(2);

        server.reset();
        WorkflowStatus batch = client.createWorkflow(WorkflowDefinition.batch("mail",
                        JobSpec.of("email.send", "a@x"), JobSpec.of("email.send", "b@x"))
                .onComplete(JobSpec.of("batch.report", null, EnqueueOptions.defaults().queue("cb")))
                .onSuccess(JobSpec.of("batch.celebrate", null, EnqueueOptions.defaults().queue("cb")))
                .onFailure(JobSpec.of("batch.alert", null, EnqueueOptions.defaults().queue("cb"))));
        assertThat(batch.type()).isEqualTo("batch");
        assertThat(batch.callbacks()).isNotNull();
        assertThat(batch.callbacks().onFailure().type()).isEqualTo("batch.alert");
        List<Job> members = worker.fetch(new FetchRequest(List.of("default"), 2, "w", null)).jobs();
        assertThat(members).hasSize(2);
        members.forEach(m -> worker.ack(new AckRequest(m.id(), null, "w")));
        List<Job> callbacks = worker.fetch(new FetchRequest(List.of("cb"), 5, "w", null)).jobs();
        assertThat(callbacks).extracting(Job::type).contains("batch.report", "batch.celebrate")
                .doesNotContain("batch.alert");
        assertThat(client.getWorkflow(batch.id()).state()).isEqualTo("completed");
    }

    @Test
    void queuesStatsPauseResume() {
        client.enqueue("t.q", null, EnqueueOptions.defaults().queue("reports"));
        client.enqueue("t.q", null, EnqueueOptions.defaults().queue("reports"));
        assertThat(client.queues()).extracting(q -> q.name()).contains("reports");
        QueueStats stats = client.queueStats("reports");
        assertThat(stats.name()).isEqualTo("reports");
        assertThat(stats.available()).isEqualTo(2L);
        assertThat(stats.paused()).isFalse();
        assertThat(client.pauseQueue("reports").paused()).isTrue();
        assertThat(client.queueStats("reports").paused()).isTrue();
        assertThat(client.queues()).filteredOn(q -> q.name().equals("reports")).singleElement()
                .satisfies(q -> assertThat(q.paused()).isTrue());
        assertThat(worker.fetch(new FetchRequest(List.of("reports"), 1, "w", null)).jobs()).isEmpty();
        assertThat(client.resumeQueue("reports").paused()).isFalse();
        assertThat(worker.fetch(new FetchRequest(List.of("reports"), 1, "w", null)).jobs()).hasSize(1);
    }

    @Test
    void deadLetterListRetryDiscard() {
        EnqueueOptions once = EnqueueOptions.defaults()
                .retry(RetryPolicy.attempts(1).onExhaustion(RetryPolicy.Exhaustion.DEAD_LETTER));
        Job a = client.enqueue("t.dead", "a", once);
        Job b = client.enqueue("t.dead", "b", once);
        for (Job fetched : worker.fetch(new FetchRequest(List.of("default"), 2, "w", null)).jobs()) {
            worker.nack(new NackRequest(fetched.id(), JobError.of("handler_error", "Boom", "failed", false, null), null, "w"));
        }
        DeadLetterPage page = client.deadLetter();
        assertThat(page.jobs()).extracting(Job::id).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(page.total()).isEqualTo(2);
        assertThat(client.deadLetter(1, 1).jobs()).hasSize(1);
        Job retried = client.retryDeadLetter(a.id());
        assertThat(retried.state()).isEqualTo("available");
        client.discardDeadLetter(b.id());
        assertThat(client.deadLetter().jobs()).isEmpty();
        assertThatThrownBy(() -> client.discardDeadLetter(b.id())).isInstanceOf(OjsNotFoundException.class);
    }

    @Test
    void cronRegisterListUnregister() {
        CronJob cron = client.registerCron(CronDefinition.of("nightly", "0 3 * * *",
                        JobSpec.of("report.nightly", JobArgs.of("eu"), EnqueueOptions.defaults().queue("reports")))
                .timezone(java.time.ZoneId.of("Europe/Paris")).overlap(CronDefinition.Overlap.SKIP));
        assertThat(cron.name()).isEqualTo("nightly");
        assertThat(cron.effectiveExpression()).isEqualTo("0 3 * * *");
        assertThat(cron.effectiveJobType()).isEqualTo("report.nightly");
        assertThat(cron.timezone()).isEqualTo("Europe/Paris");
        assertThat(cron.nextRunAt()).isAfter(Instant.now());
        assertThat(client.cronJobs()).extracting(CronJob::name).containsExactly("nightly");
        assertThat(client.unregisterCron("nightly").name()).isEqualTo("nightly");
        assertThat(client.cronJobs()).isEmpty();
        assertThatThrownBy(() -> client.unregisterCron("nightly")).isInstanceOf(OjsNotFoundException.class);
    }

    @Test
    void manifestAndHealth() {
        Manifest manifest = client.manifest();
        assertThat(manifest.specVersion()).isNotBlank();
        assertThat(manifest.protocols()).contains("http");
        assertThat(manifest.implementation().name()).isNotBlank();
        Health health = client.health();
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void asyncVariantsCompleteWithResultsAndTypedErrors() throws Exception {
        Job job = done(client.enqueueAsync("t.async", "x"));
        assertThat(done(client.getJobAsync(job.id())).id()).isEqualTo(job.id());
        assertThat(done(client.queuesAsync())).isNotEmpty();
        assertThat(done(client.cancelAsync(job.id())).state()).isEqualTo("cancelled");
        assertThatThrownBy(() -> client.getJobAsync("0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(OjsNotFoundException.class);
        assertThatThrownBy(() -> client.enqueueAsync("Bad Type", null).toCompletableFuture().join())
                .hasCauseInstanceOf(org.openjobspec.ee.error.OjsValidationException.class);
    }

    @Test
    void builderInterceptorsAddMetaInOrder() {
        try (OjsClient traced = OjsClient.builder().url(server.url())
                .interceptor(job -> job.putMeta("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .interceptor(job -> job.putMeta("order", job.meta().containsKey("traceparent") ? "second" : "first"))
                .interceptor(job -> job.options(job.options().tags("intercepted")))
                .build()) {
            Job job = traced.getJob(traced.enqueue("t.meta", null, EnqueueOptions.defaults().meta("tenant", "acme")).id());
            JsonObject meta = job.meta();
            assertThat(meta.getString("tenant")).isEqualTo("acme");
            assertThat(meta.getString("traceparent")).startsWith("00-0af7");
            assertThat(meta.getString("order")).isEqualTo("second");
            assertThat(job.tags()).containsExactly("intercepted");
            WorkflowStatus wf = traced.createWorkflow(WorkflowDefinition.group("g", JobSpec.of("t.meta", null)));
            Job member = worker.fetch(new FetchRequest(List.of("default"), 5, "w", null)).jobs().stream()
                    .filter(j -> !j.id().equals(job.id())).findFirst().orElseThrow();
            assertThat(wf.total()).isEqualTo(1);
            assertThat(member.meta().getString("traceparent")).startsWith("00-0af7");
        }
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
