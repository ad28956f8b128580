package org.openjobspec.ee.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WireModelTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void readsAFullServerJobWithSnakeCaseFieldsAnyZoneAndUnknownFields() {
        String json = """
                {"id":"0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b","type":"email.send","state":"active","queue":"email",
                 "args":["a@b.c",{"x":1}],"meta":{"traceparent":"00-abc"},"priority":5,"attempt":1,"max_attempts":3,
                 "timeout_ms":1500,"worker_id":"w-1","created_at":"2026-01-02T03:04:05.678Z",
                 "started_at":"2026-01-02T04:04:05+01:00","scheduled_at":"2026-01-02T03:04:05",
                 "result":{"ok":true},"error":{"code":"handler_error","type":"Boom","message":"m","retryable":true},
                 "errors":[{"code":"handler_error","message":"m","attempt":1,"occurred_at":"2026-01-02T03:04:05Z"}],
                 "tags":["a","b"],"retry":{"max_attempts":3,"initial_interval":"PT1S","on_exhaustion":"dead_letter"},
                 "unique":{"keys":["type","args"],"period":"PT1M","on_conflict":"reject"},
                 "parent_results":[{"report_id":7}],"brand_new_field":{"deep":[1,2]}}
                """;
        Job job = JSONB.fromJson(json, Job.class);
        assertThat(job.id()).isEqualTo("0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b");
        assertThat(job.args()).hasSize(2);
        assertThat(job.args().getString(0)).isEqualTo("a@b.c");
        assertThat(job.meta().getString("traceparent")).isEqualTo("00-abc");
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.timeoutMs()).isEqualTo(1500L);
        assertThat(job.workerId()).isEqualTo("w-1");
        assertThat(job.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(job.startedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(job.scheduledAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(job.result().asJsonObject().getBoolean("ok")).isTrue();
        assertThat(job.error().type()).isEqualTo("Boom");
        assertThat(job.errors()).singleElement().satisfies(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(job.tags()).containsExactly("a", "b");
        assertThat(job.retry().initialInterval()).isEqualTo("PT1S");
        assertThat(job.retry().onExhaustion()).isEqualTo("dead_letter");
        assertThat(job.unique().keys()).containsExactly("type", "args");
        assertThat(job.unique().onConflict()).isEqualTo("reject");
        assertThat(job.parentResultsList()).singleElement()
                .satisfies(v -> assertThat(v.asJsonObject().getInt("report_id")).isEqualTo(7));
    }

    @Test
    void minimalJobReadsWithNullsAndSafeAccessors() {
        Job job = JSONB.fromJson("{\"id\":\"x\",\"type\":\"t\"}", Job.class);
        assertThat(job.args()).isNull();
        assertThat(job.argsOrEmpty()).isEmpty();
        assertThat(job.metaOrEmpty()).isEmpty();
        assertThat(job.errorsOrEmpty()).isEmpty();
        assertThat(job.parentResultsList()).isEmpty();
        assertThat(job.effectiveTimeoutMs()).isEmpty();
    }

    @Test
    void parentResultsAsSpecObjectAreOrderedByIndex() {
        Job job = JSONB.fromJson("{\"parent_results\":{\"10\":\"c\",\"2\":\"b\",\"0\":\"a\"}}", Job.class);
        assertThat(job.parentResultsList()).extracting(Object::toString).containsExactly("\"a\"", "\"b\"", "\"c\"");
    }

    @Test
    void wrongTypesFailAsJsonbExceptionNotNpe() {
        assertThatThrownBy(() -> JSONB.fromJson("{\"attempt\":\"many\"}", Job.class)).isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> JSONB.fromJson("{\"created_at\":\"yesterday\"}", Job.class)).isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> JSONB.fromJson("{\"args\":{\"a\":1}}", Job.class)).isInstanceOf(JsonbException.class);
    }

    @Test
    void ackAndNackReadIdFromIdOrJobId() {
        assertThat(JSONB.fromJson("{\"acknowledged\":true,\"id\":\"a\",\"state\":\"completed\"}", AckResponse.class)
                .resolvedJobId()).isEqualTo("a");
        assertThat(JSONB.fromJson("{\"job_id\":\"b\"}", AckResponse.class).resolvedJobId()).isEqualTo("b");
        NackResponse nack = JSONB.fromJson("{\"job_id\":\"c\",\"state\":\"retryable\",\"attempt\":1,\"max_attempts\":3,"
                + "\"next_attempt_at\":\"2026-01-02T03:04:05.000Z\"}", NackResponse.class);
        assertThat(nack.resolvedJobId()).isEqualTo("c");
        assertThat(nack.nextAttemptAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void heartbeatDirectiveComesFromDirectiveElseState() {
        assertThat(JSONB.fromJson("{\"state\":\"active\",\"directive\":\"quiet\",\"jobs_extended\":[\"j\"]}",
                HeartbeatResponse.class).effectiveDirective()).isEqualTo(WorkerDirective.QUIET);
        assertThat(JSONB.fromJson("{\"state\":\"terminate\",\"directive\":\"\"}", HeartbeatResponse.class)
                .effectiveDirective()).isEqualTo(WorkerDirective.TERMINATE);
        assertThat(JSONB.fromJson("{\"state\":\"active\",\"directive\":\"continue\"}", HeartbeatResponse.class)
                .effectiveDirective()).isEqualTo(WorkerDirective.CONTINUE);
        HeartbeatResponse running = JSONB.fromJson("{\"state\":\"running\"}", HeartbeatResponse.class);
        assertThat(running.effectiveDirective()).isEqualTo(WorkerDirective.CONTINUE);
        assertThat(running.extendedJobs()).isEmpty();
    }

    @Test
    void jobAnswerReadsWrappedOrBareWhereverTheKeysAre() {
        assertThat(JSONB.fromJson("{\"job\":{\"id\":\"a\",\"type\":\"t\",\"extra\":{\"x\":[1]}}}",
                JobResponse.class).job().id()).isEqualTo("a");
        assertThat(JSONB.fromJson("{\"ok\":true,\"meta\":{\"k\":[1,{}]},\"job\":{\"id\":\"b\"},\"n\":null}",
                JobResponse.class).job().id()).isEqualTo("b");
        Job bare = JSONB.fromJson("{\"id\":\"c\",\"type\":\"t\",\"args\":[1,\"x\"],\"attempt\":2}",
                JobResponse.class).job();
        assertThat(bare.id()).isEqualTo("c");
        assertThat(bare.attempt()).isEqualTo(2);
        assertThat(bare.args()).hasSize(2);
        assertThat(JSONB.fromJson("{\"job\":\"c\",\"id\":\"c\",\"type\":\"t\"}", JobResponse.class).job().id())
                .isEqualTo("c");
        assertThat(JSONB.fromJson("{\"job\":null}", JobResponse.class).job()).isNull();
        assertThat(JSONB.fromJson("{\"status\":\"ok\"}", JobResponse.class).job()).isNull();
        assertThat(JSONB.fromJson("{}", JobResponse.class).job()).isNull();
    }

    @Test
    void fetchResponseIsNeverNullInside() {
        assertThat(JSONB.fromJson("{\"jobs\":[]}", FetchResponse.class).jobs()).isEmpty();
        assertThat(JSONB.fromJson("{}", FetchResponse.class).jobs()).isEmpty();
        assertThat(JSONB.fromJson("{\"job\":{\"id\":\"a\"}}", FetchResponse.class).jobs()).extracting(Job::id).containsExactly("a");
        assertThat(JSONB.fromJson("{\"jobs\":[null,{\"id\":\"b\"}]}", FetchResponse.class).jobs()).extracting(Job::id).containsExactly("b");
    }

    @Test
    void aHeartbeatSaysWhoTheWorkerIsOnlyWhenGivenAndProgressOmitsAMissingMessage() {
        JsonObject plain = parse(JSONB.toJson(new HeartbeatRequest("w", List.of(), 3000L, "quiet")));
        assertThat(plain.keySet()).containsExactlyInAnyOrder("worker_id", "active_jobs", "visibility_timeout_ms",
                "state");
        JsonObject full = parse(JSONB.toJson(new HeartbeatRequest("w", List.of("a"), 3000L, "running",
                List.of("region=eu"), "box-1", 4242L, List.of("default", "email"), 8)));
        assertThat(full.getJsonArray("labels").getString(0)).isEqualTo("region=eu");
        assertThat(full.getString("hostname")).isEqualTo("box-1");
        assertThat(full.getJsonNumber("pid").longValue()).isEqualTo(4242L);
        assertThat(full.getJsonArray("queues")).hasSize(2);
        assertThat(full.getInt("concurrency")).isEqualTo(8);

        assertThat(parse(JSONB.toJson(new ProgressRequest(0.5, null))).keySet()).containsExactly("progress");
        JsonObject progress = parse(JSONB.toJson(new ProgressRequest(0.25, "a quarter")));
        assertThat(progress.getJsonNumber("progress").doubleValue()).isEqualTo(0.25);
        assertThat(progress.getString("message")).isEqualTo("a quarter");
    }

    @Test
    void requestsAreWrittenInTheInteropShape() {
        JsonObject heartbeat = parse(JSONB.toJson(new HeartbeatRequest("w", List.of("a", "b"), 3000L, "running")));
        assertThat(heartbeat.getJsonArray("active_jobs")).hasSize(2);
        assertThat(heartbeat.getString("worker_id")).isEqualTo("w");
        assertThat(heartbeat.getJsonNumber("visibility_timeout_ms").longValue()).isEqualTo(3000L);
        assertThat(heartbeat.getString("state")).isEqualTo("running");

        JsonObject fetch = parse(JSONB.toJson(new FetchRequest(List.of("default"), 2, "w", 5000L)));
        assertThat(fetch.keySet()).containsExactlyInAnyOrder("queues", "count", "worker_id", "visibility_timeout_ms");

        JsonArray details = Json.createArrayBuilder().add("at x").build();
        JsonObject nack = parse(JSONB.toJson(new NackRequest("j", JobError.of("handler_error", "Boom", "m", true,
                Json.createObjectBuilder().add("backtrace", details).build()), null, "w")));
        assertThat(nack.getString("job_id")).isEqualTo("j");
        assertThat(nack.containsKey("requeue")).isFalse();
        assertThat(nack.getJsonObject("error").keySet()).containsExactlyInAnyOrder("code", "type", "message", "retryable", "details");

        JsonObject ack = parse(JSONB.toJson(new AckRequest("j", Json.createValue(42), null)));
        assertThat(ack.getInt("result")).isEqualTo(42);
        assertThat(ack.containsKey("worker_id")).isFalse();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
