package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventFilter;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsDuplicateException;
import org.openjobspec.ee.error.OjsNotFoundException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.internal.client.Retrier.Attempt;
import org.openjobspec.ee.internal.client.Retrier.Safety;
import org.openjobspec.ee.rest.Uuid7;
import org.openjobspec.ee.internal.spi.EnqueueObserver;
import org.openjobspec.ee.internal.spi.EnqueueObserver.Operation;
import org.openjobspec.ee.internal.spi.EnqueueObserver.Sending;
import org.openjobspec.ee.model.BatchEnqueueRequest;
import org.openjobspec.ee.model.CronAnswer;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.model.CronRegistration;
import org.openjobspec.ee.model.DeadLetterPage;
import org.openjobspec.ee.model.EnqueueRequest;
import org.openjobspec.ee.model.Health;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.model.JobResponse;
import org.openjobspec.ee.model.Manifest;
import org.openjobspec.ee.model.QueueInfo;
import org.openjobspec.ee.model.QueueList;
import org.openjobspec.ee.model.QueueStats;
import org.openjobspec.ee.model.WorkflowCallbacks;
import org.openjobspec.ee.model.WorkflowJob;
import org.openjobspec.ee.model.WorkflowRequest;
import org.openjobspec.ee.model.WorkflowResponse;
import org.openjobspec.ee.model.WorkflowStatus;
import org.openjobspec.ee.rest.OjsApi;

import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0007;
import static org.openjobspec.ee.internal.Messages.CLI_0008;
import static org.openjobspec.ee.internal.Messages.CLI_0009;
import static org.openjobspec.ee.internal.Messages.CLI_0010;
import static org.openjobspec.ee.internal.Messages.CLI_0014;
import static org.openjobspec.ee.internal.Messages.CLI_0016;
import static org.openjobspec.ee.internal.Messages.CLI_0017;
import static org.openjobspec.ee.internal.Messages.CLI_0051;
import static org.openjobspec.ee.internal.Messages.CLI_0056;

/**
 * {@link OjsClient} over the typed REST client {@link OjsApi}. Calls that fail in a way a later try may not meet
 * are tried again ({@link Retrier}, {@code ojs.retry.*}); enqueued jobs get their ids before the first try, so a
 * retry never creates one twice.
 */
public final class DefaultOjsClient implements OjsClient {

    private static final Logger LOG = Logger.getLogger(DefaultOjsClient.class.getName());
    private static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    /**
     * Room left per job when enqueueAll cuts batches and enqueue observers will add to meta: a W3C trace context
     * ({@code traceparent}, and {@code tracestate} of at most 512 characters) as JSON, with margin.
     */
    private static final long OBSERVER_RESERVE = 1024;
    /** Page size when a server pages the queue list on its own. */
    private static final int QUEUE_PAGE = 200;

    private final ClientSettings settings;
    private final OjsApi api;
    private final Jsonb jsonb;
    private final WireMapper wire;
    private final EnqueueObservers observers;
    private final BatchSizer sizer;
    private final Retrier retrier;
    private final Executor executor;
    private final ExecutorService ownPool;
    private final Set<EventSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile HttpClient eventHttp;
    private volatile boolean closed;

    /**
     * A client for {@code settings}; interceptors run in list order; {@code executor} runs the async
     * variants and event callbacks.
     */
    public DefaultOjsClient(ClientSettings settings, List<EnqueueInterceptor> interceptors, Executor executor) {
        this(settings, interceptors, List.of(), executor);
    }

    /** As {@link #DefaultOjsClient(ClientSettings, List, Executor)}, with {@code observers} told of every enqueue. */
    public DefaultOjsClient(ClientSettings settings, List<EnqueueInterceptor> interceptors,
                            List<EnqueueObserver> observers, Executor executor) {
        this(settings, interceptors, observers, executor, null, Retrier.SYSTEM);
    }

    /** A client running on a pool of its own, which {@link #close()} shuts down. */
    static DefaultOjsClient onOwnPool(ClientSettings settings, List<EnqueueInterceptor> interceptors) {
        ExecutorService pool = OwnPool.create("client");
        return new DefaultOjsClient(settings, interceptors, List.of(), pool, pool, Retrier.SYSTEM);
    }

    /** A client whose retries wait on {@code timer} (tests: virtual time). */
    static DefaultOjsClient withTimer(ClientSettings settings, List<EnqueueObserver> observers, Executor executor,
                                      Retrier.Timer timer) {
        return new DefaultOjsClient(settings, List.of(), observers, executor, null, timer);
    }

    private DefaultOjsClient(ClientSettings settings, List<EnqueueInterceptor> interceptors,
                             List<EnqueueObserver> observers, Executor executor, ExecutorService ownPool,
                             Retrier.Timer timer) {
        this.settings = settings;
        this.executor = executor;
        this.ownPool = ownPool;
        this.jsonb = JsonbBuilder.create();
        this.wire = new WireMapper(jsonb, interceptors);
        this.observers = new EnqueueObservers(observers);
        this.sizer = new BatchSizer(jsonb);
        this.retrier = new Retrier(settings, timer, executor, this::ensureOpen);
        this.api = settings.restClient(OjsApi.class);
    }

    /** The settings this client was built with. */
    public ClientSettings settings() {
        return settings;
    }

    // ---- jobs
    //
    // Each operation is its checks (run once, before any HTTP call) and then its tries (Retrier). The synchronous
    // method runs both on the caller's thread; the ...Async one on the executor, holding no thread between tries.

    @Override
    public Job enqueue(String type, Object args) {
        return enqueue(type, args, EnqueueOptions.defaults());
    }

    @Override
    public Job enqueue(String type, Object args, EnqueueOptions options) {
        return retrier.call("enqueue", Safety.REPEATABLE, enqueueCall(type, args, options));
    }

    @Override
    public Job enqueue(JobSpec job) {
        return retrier.call("enqueue", Safety.REPEATABLE, enqueueCall(job));
    }

    private Attempt<Job> enqueueCall(JobSpec job) {
        if (job == null) {
            throw Checks.invalid(CLI_0007, "job spec is null");
        }
        return enqueueCall(job.type(), job.args(), job.options());
    }

    private Attempt<Job> enqueueCall(String type, Object args, EnqueueOptions options) {
        ensureOpen();
        List<WireMapper.Prepared> prepared = List.of(prepareWithId(type, args, options));
        Runnable resetMeta = metaReset(prepared);
        return attempt -> enqueueOnce(prepared.get(0), resetMeta, attempt);
    }

    /**
     * One try of a single enqueue. A 409 duplicate on a retry may be the answer to this very job, created by an
     * earlier try whose answer was lost: when the server holds a job of this id and type, that job is the result.
     */
    private Job enqueueOnce(WireMapper.Prepared prepared, Runnable resetMeta, int attempt) {
        if (attempt > 1) {
            resetMeta.run();
        }
        Sending sending = observers.sending(Operation.ENQUEUE, null, List.of(prepared.job()));
        try {
            Job created;
            try {
                created = job(api.enqueue(wire.enqueueRequest(prepared)), "enqueue");
            } catch (OjsDuplicateException duplicate) {
                List<Job> earlier = attempt > 1 ? createdEarlier(List.of(prepared), duplicate) : null;
                if (earlier == null) {
                    throw duplicate;
                }
                created = earlier.get(0);
            }
            sending.sent(List.of(created), null);
            return created;
        } catch (RuntimeException | Error e) {
            sending.failed(e);
            throw e;
        }
    }

    @Override
    public List<Job> enqueueBatch(List<JobSpec> jobs) {
        return retrier.call("enqueue batch", Safety.REPEATABLE, batchCall(jobs));
    }

    private Attempt<List<Job>> batchCall(List<JobSpec> jobs) {
        ensureOpen();
        if (jobs == null || jobs.isEmpty()) {
            throw Checks.invalid(CLI_0007, "batch enqueue needs at least one job");
        }
        List<WireMapper.Prepared> prepared = prepareAll(jobs);
        Runnable resetMeta = metaReset(prepared);
        return attempt -> batchOnce(prepared, resetMeta, attempt);
    }

    private List<WireMapper.Prepared> prepareAll(List<JobSpec> jobs) {
        List<WireMapper.Prepared> prepared = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            JobSpec spec = jobs.get(i);
            if (spec == null) {
                throw Checks.invalid(CLI_0007, "job at index " + i + " of the batch is null");
            }
            try {
                prepared.add(prepareWithId(spec.type(), spec.args(), spec.options()));
            } catch (org.openjobspec.ee.error.OjsValidationException e) {
                throw Checks.invalid(CLI_0007, "job at index " + i + " of the batch: " + e.errorMessage());
            }
        }
        return prepared;
    }

    /**
     * One try of a batch. The body is measured before it is sent ({@code CLI_0016} over the limit). A 409 duplicate on a
     * retry: batches are all or nothing, so when every job of the batch is on the server under its id and type, an
     * earlier try created them and they are the result; otherwise the 409 is thrown.
     */
    private List<Job> batchOnce(List<WireMapper.Prepared> prepared, Runnable resetMeta, int attempt) {
        if (attempt > 1) {
            resetMeta.run();
        }
        Sending sending = observers.sending(Operation.ENQUEUE_BATCH, null,
                prepared.stream().map(WireMapper.Prepared::job).toList());
        try {
            List<EnqueueRequest> requests = prepared.stream().map(wire::enqueueRequest).toList();
            BatchEnqueueRequest batch = new BatchEnqueueRequest(requests);
            long bytes = sizer.bytes(batch);
            if (bytes > settings.batchMaxBytes()) {
                throw Checks.invalid(CLI_0016, "the batch of " + requests.size() + " jobs is " + bytes
                        + " bytes of JSON, over the limit of " + settings.batchMaxBytes() + " bytes ("
                        + ClientSettings.BATCH_MAX_BYTES + "; servers refuse bodies over 1 MiB); send fewer jobs per "
                        + "batch, or use enqueueAll, which sends them in batches under the limit (not atomically)");
            }
            List<Job> created;
            try {
                created = api.enqueueBatch(batch).jobs();
            } catch (OjsDuplicateException duplicate) {
                created = attempt > 1 ? createdEarlier(prepared, duplicate) : null;
                if (created == null) {
                    throw duplicate;
                }
            }
            if (created.size() != requests.size()) {
                throw OjsErrors.malformed("batch of " + requests.size() + " answered with " + created.size() + " jobs",
                        null);
            }
            sending.sent(created, null);
            return created;
        } catch (RuntimeException | Error e) {
            sending.failed(e);
            throw e;
        }
    }

    @Override
    public List<Job> enqueueAll(List<JobSpec> jobs) {
        ensureOpen();
        List<Job> created = new ArrayList<>();
        for (List<WireMapper.Prepared> chunk : chunks(jobs)) {
            Runnable resetMeta = metaReset(chunk);
            created.addAll(retrier.call("enqueue batch", Safety.REPEATABLE,
                    attempt -> batchOnce(chunk, resetMeta, attempt)));
        }
        return created;
    }

    /** The jobs, prepared, in order, in batches whose bodies stay under the limit. */
    private List<List<WireMapper.Prepared>> chunks(List<JobSpec> jobs) {
        if (jobs == null) {
            throw Checks.invalid(CLI_0007, "enqueueAll needs a list of jobs");
        }
        List<WireMapper.Prepared> prepared = jobs.isEmpty() ? List.of() : prepareAll(jobs);
        // what enqueue observers add to meta (trace context) is not there yet: leave room for it
        long reserve = observers.none() ? 0 : OBSERVER_RESERVE;
        List<List<WireMapper.Prepared>> chunks = new ArrayList<>();
        List<WireMapper.Prepared> chunk = new ArrayList<>();
        long bytes = BatchSizer.EMPTY_BATCH;
        for (int i = 0; i < prepared.size(); i++) {
            WireMapper.Prepared job = prepared.get(i);
            long size = sizer.bytes(wire.enqueueRequest(job)) + reserve;
            if (BatchSizer.EMPTY_BATCH + size > settings.batchMaxBytes()) {
                throw Checks.invalid(CLI_0017, "job at index " + i + " (" + job.job().type() + ") alone is " + size
                        + " bytes of JSON, more than a batch may hold (" + ClientSettings.BATCH_MAX_BYTES + " = "
                        + settings.batchMaxBytes() + "); nothing was sent. Pass large data by reference");
            }
            long grown = bytes + size + (chunk.isEmpty() ? 0 : 1);
            if (grown > settings.batchMaxBytes()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                grown = BatchSizer.EMPTY_BATCH + size;
            }
            chunk.add(job);
            bytes = grown;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * The prepared job with its id fixed before the first try (a client-chosen UUIDv7 unless the caller chose one),
     * so that a retry cannot create it twice.
     */
    private WireMapper.Prepared prepareWithId(String type, Object args, EnqueueOptions options) {
        EnqueueOptions given = options == null ? EnqueueOptions.defaults() : options;
        WireMapper.Prepared prepared = wire.prepare(type, args, given.id() == null ? given.id(Uuid7.next()) : given);
        OutgoingJob job = prepared.job();
        if (job.options().id() == null) {
            // an interceptor replaced the options without an id; keep the meta it made
            Map<String, JsonValue> meta = new LinkedHashMap<>(job.meta());
            job.options(job.options().id(Uuid7.next()));
            job.meta().clear();
            job.meta().putAll(meta);
        }
        return prepared;
    }

    /**
     * Puts each job's meta back to what it was before the first try: every try is observed anew, and what the
     * observers of one try added (its trace context) must not reach the next.
     */
    private Runnable metaReset(List<WireMapper.Prepared> prepared) {
        if (observers.none()) {
            return () -> { };
        }
        List<Map<String, JsonValue>> before = prepared.stream()
                .map(p -> (Map<String, JsonValue>) new LinkedHashMap<>(p.job().meta())).toList();
        return () -> {
            for (int i = 0; i < prepared.size(); i++) {
                Map<String, JsonValue> meta = prepared.get(i).job().meta();
                meta.clear();
                meta.putAll(before.get(i));
            }
        };
    }

    /**
     * The jobs as the server holds them when every one is there under its id and type, created by an earlier try;
     * null when any is missing or of another type (the 409 was about something else, such as a unique policy).
     */
    private List<Job> createdEarlier(List<WireMapper.Prepared> prepared, OjsDuplicateException duplicate) {
        List<Job> found = new ArrayList<>(prepared.size());
        for (WireMapper.Prepared p : prepared) {
            Job job;
            try {
                job = job(api.getJob(p.job().options().id()), "get job");
            } catch (OjsNotFoundException notThere) {
                return null;
            }
            if (!p.job().type().equals(job.type())) {
                return null;
            }
            found.add(job);
        }
        LOG.log(Level.FINE, () -> CLI_0051 + ": a retried enqueue was answered " + duplicate.code() + "; the "
                + prepared.size() + " job(s) an earlier try created are its result");
        return found;
    }

    @Override
    public Job getJob(String id) {
        return retrier.call("get job", Safety.REPEATABLE, getJobCall(id));
    }

    private Attempt<Job> getJobCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("job id", id);
        return attempt -> job(api.getJob(checked), "get job");
    }

    @Override
    public Job cancel(String id) {
        return retrier.call("cancel", Safety.ONLY_IF_NOT_DONE, cancelCall(id));
    }

    private Attempt<Job> cancelCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("job id", id);
        return attempt -> job(api.cancelJob(checked), "cancel");
    }

    // ---- workflows

    @Override
    public WorkflowStatus createWorkflow(WorkflowDefinition workflow) {
        return retrier.call("create workflow", Safety.ONLY_IF_NOT_DONE, createWorkflowCall(workflow));
    }

    private Attempt<WorkflowStatus> createWorkflowCall(WorkflowDefinition workflow) {
        ensureOpen();
        List<WireMapper.Prepared> members = prepareMembers(workflow);
        List<WireMapper.Prepared> callbacks = new ArrayList<>(3);
        WireMapper.Prepared onComplete = prepareCallback(workflow.onComplete(), callbacks);
        WireMapper.Prepared onSuccess = prepareCallback(workflow.onSuccess(), callbacks);
        WireMapper.Prepared onFailure = prepareCallback(workflow.onFailure(), callbacks);
        List<org.openjobspec.ee.OutgoingJob> observed = new ArrayList<>(members.size() + callbacks.size());
        members.forEach(m -> observed.add(m.job()));
        callbacks.forEach(c -> observed.add(c.job()));
        List<WireMapper.Prepared> all = new ArrayList<>(members);
        all.addAll(callbacks);
        Runnable resetMeta = metaReset(all);
        return attempt -> {
            if (attempt > 1) {
                resetMeta.run();
            }
            Sending sending = observers.sending(Operation.CREATE_WORKFLOW, workflow.name(), observed);
            try {
                boolean chain = workflow.kind() == WorkflowDefinition.Kind.CHAIN;
                List<WorkflowJob> wireMembers = members.stream().map(wire::workflowJob).toList();
                WorkflowCallbacks wireCallbacks = callbacks.isEmpty() ? null
                        : new WorkflowCallbacks(callback(onComplete), callback(onSuccess), callback(onFailure));
                WorkflowRequest request = new WorkflowRequest(kind(workflow), workflow.name(),
                        chain ? wireMembers : null, chain ? null : wireMembers, wireCallbacks);
                WorkflowStatus created = workflow(api.createWorkflow(request), "create workflow");
                sending.sent(List.of(), created.id());
                return created;
            } catch (RuntimeException | Error e) {
                sending.failed(e);
                throw e;
            }
        };
    }

    private static String kind(WorkflowDefinition workflow) {
        return workflow.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Checks the workflow and runs its members through the interceptors and validation. */
    private List<WireMapper.Prepared> prepareMembers(WorkflowDefinition workflow) {
        if (workflow == null) {
            throw Checks.invalid(CLI_0008, "workflow is null");
        }
        String kind = kind(workflow);
        if (workflow.jobs().isEmpty()) {
            throw Checks.invalid(CLI_0008, kind + " '" + workflow.name() + "' has no jobs");
        }
        boolean hasCallbacks = workflow.onComplete() != null || workflow.onSuccess() != null || workflow.onFailure() != null;
        if (hasCallbacks && workflow.kind() != WorkflowDefinition.Kind.BATCH) {
            throw Checks.invalid(CLI_0008, "callbacks (onComplete/onSuccess/onFailure) need a batch; '"
                    + workflow.name() + "' is a " + kind);
        }
        List<WireMapper.Prepared> members = new ArrayList<>();
        for (int i = 0; i < workflow.jobs().size(); i++) {
            JobSpec spec = workflow.jobs().get(i);
            if (spec == null) {
                throw Checks.invalid(CLI_0008, kind + " job at index " + i + " is null");
            }
            members.add(wire.prepare(spec));
        }
        return members;
    }

    private WireMapper.Prepared prepareCallback(JobSpec spec, List<WireMapper.Prepared> callbacks) {
        if (spec == null) {
            return null;
        }
        WireMapper.Prepared prepared = wire.prepare(spec);
        callbacks.add(prepared);
        return prepared;
    }

    private WorkflowJob callback(WireMapper.Prepared prepared) {
        return prepared == null ? null : wire.workflowJob(prepared);
    }

    @Override
    public WorkflowStatus getWorkflow(String id) {
        return retrier.call("get workflow", Safety.REPEATABLE, getWorkflowCall(id));
    }

    private Attempt<WorkflowStatus> getWorkflowCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("workflow id", id);
        return attempt -> workflow(api.getWorkflow(checked), "get workflow");
    }

    @Override
    public WorkflowStatus cancelWorkflow(String id) {
        return retrier.call("cancel workflow", Safety.ONLY_IF_NOT_DONE, cancelWorkflowCall(id));
    }

    private Attempt<WorkflowStatus> cancelWorkflowCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("workflow id", id);
        return attempt -> workflow(api.cancelWorkflow(checked), "cancel workflow");
    }

    // ---- queues

    @Override
    public List<QueueInfo> queues() {
        return retrier.call("list queues", Safety.REPEATABLE, queuesCall());
    }

    private Attempt<List<QueueInfo>> queuesCall() {
        ensureOpen();
        return attempt -> {
            QueueList first = api.listQueues(null, null);
            if (!first.hasMore()) {
                return first.queues();
            }
            // a server that pages even without a limit: read on until it says there is no more
            List<QueueInfo> all = new ArrayList<>(first.queues());
            QueueList page = first;
            while (page.hasMore() && !page.queues().isEmpty()) {
                page = api.listQueues(QUEUE_PAGE, all.size());
                all.addAll(page.queues());
            }
            return all;
        };
    }

    @Override
    public QueueList queues(int limit, int offset) {
        return retrier.call("list queues", Safety.REPEATABLE, queuesCall(limit, offset));
    }

    private Attempt<QueueList> queuesCall(int limit, int offset) {
        ensureOpen();
        paging("queue", limit, offset);
        return attempt -> api.listQueues(limit, offset);
    }

    @Override
    public QueueStats queueStats(String queue) {
        return retrier.call("queue stats", Safety.REPEATABLE, queueStatsCall(queue));
    }

    private Attempt<QueueStats> queueStatsCall(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return attempt -> stats(api.queueStats(queue), queue, "queue stats");
    }

    @Override
    public QueueStats pauseQueue(String queue) {
        return retrier.call("pause queue", Safety.REPEATABLE, pauseQueueCall(queue));
    }

    private Attempt<QueueStats> pauseQueueCall(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return attempt -> stats(api.pauseQueue(queue, JsonValue.EMPTY_JSON_OBJECT), queue, "pause queue");
    }

    @Override
    public QueueStats resumeQueue(String queue) {
        return retrier.call("resume queue", Safety.REPEATABLE, resumeQueueCall(queue));
    }

    private Attempt<QueueStats> resumeQueueCall(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return attempt -> stats(api.resumeQueue(queue, JsonValue.EMPTY_JSON_OBJECT), queue, "resume queue");
    }

    // ---- dead letter

    @Override
    public DeadLetterPage deadLetter(int limit, int offset) {
        return retrier.call("list dead letter", Safety.REPEATABLE, deadLetterCall(limit, offset));
    }

    private Attempt<DeadLetterPage> deadLetterCall(int limit, int offset) {
        ensureOpen();
        paging("dead-letter", limit, offset);
        return attempt -> api.listDeadLetter(limit, offset, null);
    }

    @Override
    public DeadLetterPage deadLetter(String queue, int limit, int offset) {
        return retrier.call("list dead letter", Safety.REPEATABLE, deadLetterCall(queue, limit, offset));
    }

    private Attempt<DeadLetterPage> deadLetterCall(String queue, int limit, int offset) {
        ensureOpen();
        Checks.queueName(queue);
        paging("dead-letter", limit, offset);
        return attempt -> api.listDeadLetter(limit, offset, queue);
    }

    private static void paging(String what, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw Checks.invalid(CLI_0006, what + " paging needs limit >= 1 and offset >= 0, got limit="
                    + limit + ", offset=" + offset);
        }
    }

    @Override
    public Job retryDeadLetter(String id) {
        return retrier.call("retry dead letter", Safety.ONLY_IF_NOT_DONE, retryDeadLetterCall(id));
    }

    private Attempt<Job> retryDeadLetterCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("job id", id);
        return attempt -> job(api.retryDeadLetter(checked, JsonValue.EMPTY_JSON_OBJECT), "retry dead letter");
    }

    @Override
    public void discardDeadLetter(String id) {
        retrier.call("discard dead letter", Safety.ONLY_IF_NOT_DONE, discardDeadLetterCall(id));
    }

    private Attempt<Void> discardDeadLetterCall(String id) {
        ensureOpen();
        String checked = Checks.identifier("job id", id);
        return attempt -> {
            api.deleteDeadLetter(checked);
            return null;
        };
    }

    // ---- cron

    @Override
    public List<CronJob> cronJobs() {
        return retrier.call("list cron", Safety.REPEATABLE, cronJobsCall());
    }

    private Attempt<List<CronJob>> cronJobsCall() {
        ensureOpen();
        return attempt -> api.listCron().entries();
    }

    @Override
    public CronJob registerCron(CronDefinition cron) {
        return retrier.call("register cron", Safety.ONLY_IF_NOT_DONE, registerCronCall(cron));
    }

    private Attempt<CronJob> registerCronCall(CronDefinition cron) {
        ensureOpen();
        if (cron == null) {
            throw Checks.invalid(CLI_0009, "cron definition is null");
        }
        if (cron.name() == null || cron.name().isBlank()) {
            throw Checks.invalid(CLI_0009, "cron entry needs a name");
        }
        if (cron.expression() == null || cron.expression().isBlank()) {
            throw Checks.invalid(CLI_0009, "cron entry '" + cron.name() + "' needs an expression such as '*/5 * * * *' or '@daily'");
        }
        if (cron.job() == null) {
            throw Checks.invalid(CLI_0009, "cron entry '" + cron.name() + "' needs a job to enqueue");
        }
        CronRegistration registration = new CronRegistration(cron.name(), cron.expression().trim(), cron.timezone(),
                cron.overlap() == null ? null : cron.overlap().name().toLowerCase(java.util.Locale.ROOT),
                wire.template(cron.job()));
        return attempt -> cron(api.registerCron(registration), "register cron");
    }

    @Override
    public CronJob unregisterCron(String name) {
        return retrier.call("unregister cron", Safety.ONLY_IF_NOT_DONE, unregisterCronCall(name));
    }

    private Attempt<CronJob> unregisterCronCall(String name) {
        ensureOpen();
        String checked = Checks.identifier("cron name", name);
        return attempt -> cron(api.unregisterCron(checked), "unregister cron");
    }

    // ---- server

    @Override
    public Manifest manifest() {
        return retrier.call("manifest", Safety.REPEATABLE, manifestCall());
    }

    private Attempt<Manifest> manifestCall() {
        ensureOpen();
        return attempt -> api.manifest();
    }

    @Override
    public Health health() {
        return retrier.call("health", Safety.REPEATABLE, healthCall());
    }

    /** An unhealthy server's 503 with a health body is an answer, not a failure: it is returned, never retried. */
    private Attempt<Health> healthCall() {
        ensureOpen();
        return attempt -> {
            try {
                return api.health();
            } catch (OjsUnavailableException e) {
                JsonObject body = e.details();
                if (e.httpStatus() == 503 && body.containsKey("status")) {
                    try {
                        return jsonb.fromJson(body.toString(), Health.class);
                    } catch (RuntimeException unreadable) {
                        throw OjsErrors.malformed("health answer: " + unreadable.getMessage(), unreadable);
                    }
                }
                throw e;
            }
        };
    }

    // ---- events

    @Override
    public EventSubscription subscribeJob(String jobId, Consumer<JobEvent> listener, Consumer<OjsException> onError) {
        ensureOpen();
        Checks.identifier("job id", jobId);
        return subscribe("/ojs/v1/jobs/" + encode(jobId) + "/events", listener, onError, true);
    }

    @Override
    public EventSubscription subscribeQueue(String queue, Consumer<JobEvent> listener, Consumer<OjsException> onError) {
        ensureOpen();
        Checks.queueName(queue);
        return subscribe("/ojs/v1/queues/" + encode(queue) + "/events", listener, onError, false);
    }

    private EventSubscription subscribe(String path, Consumer<JobEvent> listener, Consumer<OjsException> onError,
                                        boolean endOnTerminal) {
        if (listener == null) {
            throw Checks.invalid(CLI_0010, "event listener is missing");
        }
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        settings.authToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        SseSubscription subscription = new SseSubscription(eventHttp(), URI.create(settings.url() + path), headers,
                jsonb, executor, DEFAULT_RECONNECT, listener, onError == null ? e -> { } : onError, endOnTerminal);
        subscriptions.add(subscription);
        subscription.connect();
        return subscription;
    }

    @Override
    public EventSubscription subscribe(EventFilter filter, Consumer<JobEvent> listener, Consumer<OjsException> onError) {
        ensureOpen();
        if (listener == null) {
            throw Checks.invalid(CLI_0010, "event listener is missing");
        }
        checkFilter(filter);
        EventPoller poller = new EventPoller(api, settings.url().toString(), executor, filter, listener,
                onError == null ? e -> { } : onError);
        subscriptions.add(poller);
        poller.start();
        return poller;
    }

    private static void checkFilter(EventFilter filter) {
        if (filter == null) {
            throw Checks.invalid(CLI_0010, "event filter is missing; EventFilter.all() lets every event through");
        }
        if (filter.types() != null) {
            filter.types().forEach(type -> {
                if (type == null || type.isBlank() || type.contains(",")) {
                    throw Checks.invalid(CLI_0056, "event types must be non-blank names without ',' such as "
                            + "'job.completed', got " + (type == null ? "null" : "'" + type + "'"));
                }
            });
        }
        if (filter.queues() != null) {
            filter.queues().forEach(Checks::queueName);
        }
        if (filter.jobTypes() != null) {
            filter.jobTypes().forEach(Checks::jobType);
        }
        if (filter.after() != null && filter.after().isBlank()) {
            throw Checks.invalid(CLI_0056, "the event to start after is blank; pass a JobEvent.eventId() or null");
        }
        Checks.positive("event poll interval", filter.pollInterval());
    }

    private HttpClient eventHttp() {
        HttpClient http = eventHttp;
        if (http == null) {
            synchronized (this) {
                http = eventHttp;
                if (http == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder()
                            .connectTimeout(settings.connectTimeout())
                            .executor(executor);
                    settings.sslContext().ifPresent(builder::sslContext);
                    http = builder.build();
                    eventHttp = http;
                }
            }
        }
        return http;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- async

    @Override
    public CompletionStage<Job> enqueueAsync(String type, Object args) {
        return enqueueAsync(type, args, EnqueueOptions.defaults());
    }

    @Override
    public CompletionStage<Job> enqueueAsync(String type, Object args, EnqueueOptions options) {
        return retrier.callAsync("enqueue", Safety.REPEATABLE, () -> enqueueCall(type, args, options));
    }

    @Override
    public CompletionStage<Job> enqueueAsync(JobSpec job) {
        return retrier.callAsync("enqueue", Safety.REPEATABLE, () -> enqueueCall(job));
    }

    @Override
    public CompletionStage<List<Job>> enqueueBatchAsync(List<JobSpec> jobs) {
        return retrier.callAsync("enqueue batch", Safety.REPEATABLE, () -> batchCall(jobs));
    }

    @Override
    public CompletionStage<List<Job>> enqueueAllAsync(List<JobSpec> jobs) {
        // the jobs are prepared and cut on the executor; then one batch after the other, each with its own tries
        CompletionStage<List<List<WireMapper.Prepared>>> cut = retrier.callAsync("enqueue all", Safety.REPEATABLE, () -> {
            ensureOpen();
            List<List<WireMapper.Prepared>> chunks = chunks(jobs);
            return attempt -> chunks;
        });
        return cut.thenCompose(chunks -> {
            CompletionStage<List<Job>> all = CompletableFuture.completedFuture(new ArrayList<>());
            for (List<WireMapper.Prepared> chunk : chunks) {
                Runnable resetMeta = metaReset(chunk);
                all = all.thenCompose(created -> retrier.<List<Job>>callAsync("enqueue batch", Safety.REPEATABLE,
                        () -> attempt -> batchOnce(chunk, resetMeta, attempt)).thenApply(more -> {
                            created.addAll(more);
                            return created;
                        }));
            }
            return all;
        });
    }

    @Override
    public CompletionStage<Job> getJobAsync(String id) {
        return retrier.callAsync("get job", Safety.REPEATABLE, () -> getJobCall(id));
    }

    @Override
    public CompletionStage<Job> cancelAsync(String id) {
        return retrier.callAsync("cancel", Safety.ONLY_IF_NOT_DONE, () -> cancelCall(id));
    }

    @Override
    public CompletionStage<WorkflowStatus> createWorkflowAsync(WorkflowDefinition workflow) {
        return retrier.callAsync("create workflow", Safety.ONLY_IF_NOT_DONE, () -> createWorkflowCall(workflow));
    }

    @Override
    public CompletionStage<WorkflowStatus> getWorkflowAsync(String id) {
        return retrier.callAsync("get workflow", Safety.REPEATABLE, () -> getWorkflowCall(id));
    }

    @Override
    public CompletionStage<WorkflowStatus> cancelWorkflowAsync(String id) {
        return retrier.callAsync("cancel workflow", Safety.ONLY_IF_NOT_DONE, () -> cancelWorkflowCall(id));
    }

    @Override
    public CompletionStage<List<QueueInfo>> queuesAsync() {
        return retrier.callAsync("list queues", Safety.REPEATABLE, this::queuesCall);
    }

    @Override
    public CompletionStage<QueueList> queuesAsync(int limit, int offset) {
        return retrier.callAsync("list queues", Safety.REPEATABLE, () -> queuesCall(limit, offset));
    }

    @Override
    public CompletionStage<QueueStats> queueStatsAsync(String queue) {
        return retrier.callAsync("queue stats", Safety.REPEATABLE, () -> queueStatsCall(queue));
    }

    @Override
    public CompletionStage<QueueStats> pauseQueueAsync(String queue) {
        return retrier.callAsync("pause queue", Safety.REPEATABLE, () -> pauseQueueCall(queue));
    }

    @Override
    public CompletionStage<QueueStats> resumeQueueAsync(String queue) {
        return retrier.callAsync("resume queue", Safety.REPEATABLE, () -> resumeQueueCall(queue));
    }

    @Override
    public CompletionStage<DeadLetterPage> deadLetterAsync(int limit, int offset) {
        return retrier.callAsync("list dead letter", Safety.REPEATABLE, () -> deadLetterCall(limit, offset));
    }

    @Override
    public CompletionStage<DeadLetterPage> deadLetterAsync(String queue, int limit, int offset) {
        return retrier.callAsync("list dead letter", Safety.REPEATABLE, () -> deadLetterCall(queue, limit, offset));
    }

    @Override
    public CompletionStage<Job> retryDeadLetterAsync(String id) {
        return retrier.callAsync("retry dead letter", Safety.ONLY_IF_NOT_DONE, () -> retryDeadLetterCall(id));
    }

    @Override
    public CompletionStage<Void> discardDeadLetterAsync(String id) {
        return retrier.callAsync("discard dead letter", Safety.ONLY_IF_NOT_DONE, () -> discardDeadLetterCall(id));
    }

    @Override
    public CompletionStage<List<CronJob>> cronJobsAsync() {
        return retrier.callAsync("list cron", Safety.REPEATABLE, this::cronJobsCall);
    }

    @Override
    public CompletionStage<CronJob> registerCronAsync(CronDefinition cron) {
        return retrier.callAsync("register cron", Safety.ONLY_IF_NOT_DONE, () -> registerCronCall(cron));
    }

    @Override
    public CompletionStage<CronJob> unregisterCronAsync(String name) {
        return retrier.callAsync("unregister cron", Safety.ONLY_IF_NOT_DONE, () -> unregisterCronCall(name));
    }

    @Override
    public CompletionStage<Manifest> manifestAsync() {
        return retrier.callAsync("manifest", Safety.REPEATABLE, this::manifestCall);
    }

    @Override
    public CompletionStage<Health> healthAsync() {
        return retrier.callAsync("health", Safety.REPEATABLE, this::healthCall);
    }

    // ---- lifecycle

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(EventSubscription::close);
        subscriptions.clear();
        try {
            ((Closeable) api).close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing the OJS REST client failed", e);
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B failed", e);
        }
        if (ownPool != null) {
            // not shutdownNow: close() may be called from a callback running on this very pool
            ownPool.shutdown();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new OjsException(ErrorInfo.client(CLI_0014.id(), CLI_0014 + ": this OjsClient is closed", false));
        }
    }

    private static Job job(JobResponse response, String operation) {
        if (response == null || response.job() == null) {
            throw OjsErrors.malformed(operation + " answer holds no job", null);
        }
        return response.job();
    }

    private static QueueStats stats(org.openjobspec.ee.model.QueueAnswer answer, String queue, String operation) {
        boolean known = answer != null && (answer.queue() instanceof JsonObject
                || answer.queue() instanceof jakarta.json.JsonString || answer.stats() != null);
        if (!known) {
            throw OjsErrors.malformed(operation + " answer holds no queue", null);
        }
        return answer.toStats(queue);
    }

    private static WorkflowStatus workflow(WorkflowResponse response, String operation) {
        if (response == null || response.workflow() == null) {
            throw OjsErrors.malformed(operation + " answer holds no workflow", null);
        }
        return response.workflow();
    }

    private static CronJob cron(CronAnswer answer, String operation) {
        if (answer == null || answer.entry() == null) {
            throw OjsErrors.malformed(operation + " answer holds no cron entry", null);
        }
        return answer.entry();
    }

    @Override
    public String toString() {
        return "OjsClient[" + settings.url() + "]";
    }
}
