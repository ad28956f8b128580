package org.openjobspec.ee.it.quarkus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.model.Job;

/**
 * ojs-telemetry in a Quarkus application with quarkus-opentelemetry: the beans come from the jar's beans.xml (ArC
 * indexes it), the OpenTelemetry is Quarkus' own; a job's enqueue and process spans are exported, linked.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedOjsResource.class)
class TelemetryOnQuarkusTest {

    @Inject
    OjsClient ojs;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aJobsEnqueueAndProcessSpansAreExportedAndLinked() {
        Job job = ojs.enqueue("greeting.compose", new Greetings.Person("otel"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ojs.getJob(job.id()).state().equals("completed"));

        SpanData enqueue = await().atMost(Duration.ofSeconds(30)).until(() -> span("default enqueue", job.id()),
                Optional::isPresent).orElseThrow();
        SpanData process = await().atMost(Duration.ofSeconds(30)).until(() -> span("default process", job.id()),
                Optional::isPresent).orElseThrow();
        assertEquals(SpanKind.PRODUCER, enqueue.getKind());
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals("ojs", process.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        assertEquals("greeting.compose", process.getAttributes().get(AttributeKey.stringKey("ojs.job.type")));
        assertEquals(1, process.getLinks().size());
        assertEquals(enqueue.getSpanId(), process.getLinks().get(0).getSpanContext().getSpanId());
        assertTrue(ojs.getJob(job.id()).meta().getString("traceparent").contains(enqueue.getTraceId()));
    }

    private Optional<SpanData> span(String name, String jobId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)
                && jobId.equals(s.getAttributes().get(AttributeKey.stringKey("ojs.job.id")))).findFirst();
    }
}
