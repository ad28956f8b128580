package org.openjobspec.ee.telemetry.internal.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.telemetry.internal.Hooks;

/**
 * Spans and metrics of enqueues and job executions through the application's {@link OpenTelemetry} (MicroProfile
 * Telemetry's CDI bean). Written against the OpenTelemetry API of MicroProfile Telemetry 1.1 (API 1.29), so it runs
 * on Payara 6 as on newer runtimes.
 * <p>
 * Enqueue: a PRODUCER span {@code <queue> enqueue} ({@code enqueue_batch}, {@code enqueue_workflow}), current while
 * the request is sent, whose W3C trace context is written into each job's {@code meta} ({@code traceparent},
 * {@code tracestate}) unless the job already carries one. Execution: a CONSUMER span {@code <queue> process} linked
 * to that context, current while the handler runs, ended when its outcome is known.
 */
public final class OtelHooks implements Hooks {

    static final String SCOPE = "org.openjobspec.ee";
    static final String SYSTEM = "ojs";
    static final String TRACEPARENT = "traceparent";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("ojs.job.id");
    static final AttributeKey<String> JOB_TYPE = AttributeKey.stringKey("ojs.job.type");
    static final AttributeKey<String> JOB_QUEUE = AttributeKey.stringKey("ojs.job.queue");
    static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("ojs.job.attempt");
    static final AttributeKey<Boolean> JOB_RETRYABLE = AttributeKey.booleanKey("ojs.job.retryable");
    static final AttributeKey<String> WORKER_ID = AttributeKey.stringKey("ojs.worker.id");
    static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("ojs.workflow.id");
    static final AttributeKey<String> WORKFLOW_NAME = AttributeKey.stringKey("ojs.workflow.name");
    /** The only attributes of metrics besides the queue and type: never ids. */
    static final AttributeKey<String> JOB_STATE = AttributeKey.stringKey("ojs.job.state");

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** Reads a job's meta (a JsonObject on the worker, a map on the way out). */
    private static final TextMapGetter<Map<String, JsonValue>> META = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, JsonValue> meta) {
            return meta.keySet();
        }

        @Override
        public String get(Map<String, JsonValue> meta, String key) {
            JsonValue value = meta == null ? null : meta.get(key);
            return value instanceof JsonString s ? s.getString() : null;
        }
    };

    private final Tracer tracer;
    private final Metrics metrics;
    private final String description;

    private OtelHooks(OpenTelemetry otel, boolean traces, boolean metrics) {
        this.tracer = traces ? otel.getTracer(SCOPE) : null;
        this.metrics = metrics ? new Metrics(otel.getMeterProvider().get(SCOPE)) : null;
        this.description = "OJS reports " + (traces && metrics ? "traces and metrics" : traces ? "traces" : "metrics")
                + " through " + otel.getClass().getName();
    }

    /**
     * The hooks over the application's {@code OpenTelemetry} bean, or null when there is none.
     */
    public static Hooks create(BeanManager beans, boolean traces, boolean metrics) {
        Instance<OpenTelemetry> otel = beans.createInstance().select(OpenTelemetry.class);
        return otel.isResolvable() ? new OtelHooks(otel.get(), traces, metrics) : null;
    }

    @Override
    public String description() {
        return description;
    }

    // ---- enqueue

    @Override
    public Sending sending(Operation operation, String workflowName, List<OutgoingJob> jobs) {
        Span span = tracer == null ? null : enqueueSpan(operation, workflowName, jobs);
        Scope scope = null;
        if (span != null) {
            Context context = Context.current().with(span);
            for (OutgoingJob job : jobs) {
                if (!job.meta().containsKey(TRACEPARENT)) {
                    W3C.inject(context, job, OutgoingJob::putMeta);
                }
            }
            scope = context.makeCurrent();
        }
        return new Enqueue(span, scope, operation);
    }

    private Span enqueueSpan(Operation operation, String workflowName, List<OutgoingJob> jobs) {
        String name = switch (operation) {
            case ENQUEUE -> "enqueue";
            case ENQUEUE_BATCH -> "enqueue_batch";
            case CREATE_WORKFLOW -> "enqueue_workflow";
        };
        String queue = common(jobs, OtelHooks::queue);
        String type = common(jobs, OutgoingJob::type);
        SpanBuilder span = tracer.spanBuilder(queue == null ? name : queue + " " + name)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(OPERATION_NAME, name);
        if (queue != null) {
            span.setAttribute(DESTINATION, queue).setAttribute(JOB_QUEUE, queue);
        }
        if (type != null) {
            span.setAttribute(JOB_TYPE, type);
        }
        if (operation != Operation.ENQUEUE) {
            span.setAttribute(BATCH_COUNT, (long) jobs.size());
        }
        if (workflowName != null) {
            span.setAttribute(WORKFLOW_NAME, workflowName);
        }
        for (OutgoingJob job : jobs) {
            // a job that already carries a trace context keeps it: the enqueue links to it instead
            SpanContext carried = carried(job.meta());
            if (carried.isValid()) {
                span.addLink(carried);
            }
        }
        return span.startSpan();
    }

    private static String queue(OutgoingJob job) {
        String queue = job.options().queue();
        return queue == null ? "default" : queue;
    }

    private static <T> String common(List<T> jobs, java.util.function.Function<T, String> field) {
        String first = jobs.isEmpty() ? null : field.apply(jobs.get(0));
        for (T job : jobs) {
            if (!Objects.equals(first, field.apply(job))) {
                return null;
            }
        }
        return first;
    }

    private final class Enqueue implements Sending {
        private final Span span;
        private final Scope scope;
        private final Operation operation;

        Enqueue(Span span, Scope scope, Operation operation) {
            this.span = span;
            this.scope = scope;
            this.operation = operation;
        }

        @Override
        public void sent(List<Job> created, String workflowId) {
            try {
                if (metrics != null) {
                    for (Job job : created) {
                        metrics.enqueued.add(1, metrics.attributes(job.queue(), job.type(), job.state()));
                    }
                }
                if (span != null) {
                    if (operation == Operation.ENQUEUE && created.size() == 1) {
                        span.setAttribute(JOB_ID, created.get(0).id()).setAttribute(MESSAGE_ID, created.get(0).id());
                    }
                    if (workflowId != null) {
                        span.setAttribute(WORKFLOW_ID, workflowId);
                    }
                }
            } finally {
                end();
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                if (span != null) {
                    recordFailure(span, failure);
                }
            } finally {
                end();
            }
        }

        private void end() {
            if (scope != null) {
                scope.close();
            }
            if (span != null) {
                span.end();
            }
        }
    }

    // ---- execution

    @Override
    public Execution starting(JobContext job, Instant enqueuedAt) {
        if (metrics != null && enqueuedAt != null && job.attempt() <= 1) {
            Duration waited = Duration.between(enqueuedAt, Instant.now());
            if (!waited.isNegative()) {
                metrics.queueTime.record(seconds(waited.toNanos()), metrics.attributes(job.queue(), job.jobType(), null));
            }
        }
        Span span = tracer == null ? null : processSpan(job);
        return new Run(job, span, span == null ? null : span.makeCurrent(), System.nanoTime());
    }

    private Span processSpan(JobContext job) {
        SpanBuilder span = tracer.spanBuilder(job.queue() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(DESTINATION, job.queue())
                .setAttribute(MESSAGE_ID, job.jobId())
                .setAttribute(JOB_ID, job.jobId())
                .setAttribute(JOB_TYPE, job.jobType())
                .setAttribute(JOB_QUEUE, job.queue())
                .setAttribute(JOB_ATTEMPT, (long) job.attempt());
        if (job.workerId() != null) {
            span.setAttribute(WORKER_ID, job.workerId());
        }
        job.workflowId().ifPresent(id -> span.setAttribute(WORKFLOW_ID, id));
        SpanContext producer = carried(job.meta());
        if (producer.isValid()) {
            span.addLink(producer);
        }
        return span.startSpan();
    }

    /** The W3C trace context a job's meta carries; invalid when it carries none (or a malformed one). */
    static SpanContext carried(Map<String, JsonValue> meta) {
        if (meta == null || !meta.containsKey(TRACEPARENT)) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(W3C.extract(Context.root(), meta, META)).getSpanContext();
    }

    private final class Run implements Execution {
        private final JobContext job;
        private final Span span;
        private final Scope scope;
        private final long start;

        Run(JobContext job, Span span, Scope scope, long start) {
            this.job = job;
            this.span = span;
            this.scope = scope;
            this.start = start;
        }

        @Override
        public void returned() {
            if (scope != null) {
                scope.close();
            }
        }

        @Override
        public void finished(Throwable failure, boolean retryable) {
            long took = System.nanoTime() - start;
            try {
                if (metrics != null) {
                    String state = failure == null ? "completed" : "failed";
                    metrics.duration.record(seconds(took), metrics.attributes(job.queue(), job.jobType(), state));
                    (failure == null ? metrics.completed : metrics.failed)
                            .add(1, metrics.attributes(job.queue(), job.jobType(), null));
                }
                if (span != null && failure != null) {
                    recordFailure(span, failure);
                    span.setAttribute(JOB_RETRYABLE, retryable);
                }
            } finally {
                if (span != null) {
                    span.end();
                }
            }
        }
    }

    private static void recordFailure(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.recordException(failure);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The instruments, made once. Attributes: queue, type and (where it says something) state; never ids. */
    private static final class Metrics {
        /** Beyond this many combinations attributes are made per call instead of kept (a runaway set of types). */
        private static final int MAX_KEPT = 1000;

        private record Key(String queue, String type, String state) {
        }

        private final Map<Key, Attributes> kept = new ConcurrentHashMap<>();
        final LongCounter enqueued;
        final LongCounter completed;
        final LongCounter failed;
        final DoubleHistogram duration;
        final DoubleHistogram queueTime;

        Metrics(Meter meter) {
            enqueued = meter.counterBuilder("ojs.job.enqueued").setUnit("{job}")
                    .setDescription("Jobs the server took from this application's clients").build();
            completed = meter.counterBuilder("ojs.job.completed").setUnit("{job}")
                    .setDescription("Job attempts whose handler succeeded").build();
            failed = meter.counterBuilder("ojs.job.failed").setUnit("{job}")
                    .setDescription("Job attempts whose handler failed").build();
            duration = meter.histogramBuilder("ojs.job.duration").setUnit("s")
                    .setDescription("How long a job attempt took, binding its args included").build();
            queueTime = meter.histogramBuilder("ojs.job.queue_time").setUnit("s")
                    .setDescription("From a job's enqueued_at to the start of its first attempt").build();
        }

        /** The attributes of a combination, made once: each job records three or four measurements. */
        Attributes attributes(String queue, String type, String state) {
            Key key = new Key(queue == null ? "default" : queue, type == null ? "" : type, state);
            Attributes attributes = kept.get(key);
            if (attributes == null) {
                attributes = of(key);
                if (kept.size() < MAX_KEPT) {
                    kept.putIfAbsent(key, attributes);
                }
            }
            return attributes;
        }

        private static Attributes of(Key key) {
            return key.state() == null ? Attributes.of(JOB_QUEUE, key.queue(), JOB_TYPE, key.type())
                    : Attributes.of(JOB_QUEUE, key.queue(), JOB_TYPE, key.type(), JOB_STATE, key.state());
        }
    }
}
