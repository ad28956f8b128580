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
import java.util.function.Supplier;
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
import org.openjobspec.ee.error.OjsUnavailableException;
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
import static org.openjobspec.ee.internal.Messages.CLI_0056;

/** {@link OjsClient} over the typed REST client {@link OjsApi}. */
public final class DefaultOjsClient implements OjsClient {

    private static final Logger LOG = Logger.getLogger(DefaultOjsClient.class.getName());
    private static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);
    /** Page size when a server pages the queue list on its own. */
    private static final int QUEUE_PAGE = 200;

    private final ClientSettings settings;
    private final OjsApi api;
    private final Jsonb jsonb;
    private final WireMapper wire;
    private final EnqueueObservers observers;
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
        this(settings, interceptors, observers, executor, null);
    }

    /** A client running on a pool of its own, which {@link #close()} shuts down. */
    static DefaultOjsClient onOwnPool(ClientSettings settings, List<EnqueueInterceptor> interceptors) {
        ExecutorService pool = OwnPool.create("client");
        return new DefaultOjsClient(settings, interceptors, List.of(), pool, pool);
    }

    private DefaultOjsClient(ClientSettings settings, List<EnqueueInterceptor> interceptors,
                             List<EnqueueObserver> observers, Executor executor, ExecutorService ownPool) {
        this.settings = settings;
        this.executor = executor;
        this.ownPool = ownPool;
        this.jsonb = JsonbBuilder.create();
        this.wire = new WireMapper(jsonb, interceptors);
        this.observers = new EnqueueObservers(observers);
        this.api = settings.restClient(OjsApi.class);
    }

    /** The settings this client was built with. */
    public ClientSettings settings() {
        return settings;
    }

    // ---- jobs

    @Override
    public Job enqueue(String type, Object args) {
        return enqueue(type, args, EnqueueOptions.defaults());
    }

    @Override
    public Job enqueue(String type, Object args, EnqueueOptions options) {
        ensureOpen();
        WireMapper.Prepared prepared = wire.prepare(type, args, options == null ? EnqueueOptions.defaults() : options);
        Sending sending = observers.sending(Operation.ENQUEUE, null, List.of(prepared.job()));
        try {
            Job created = job(api.enqueue(wire.enqueueRequest(prepared)), "enqueue");
            sending.sent(List.of(created), null);
            return created;
        } catch (RuntimeException | Error e) {
            sending.failed(e);
            throw e;
        }
    }

    @Override
    public Job enqueue(JobSpec job) {
        if (job == null) {
            throw Checks.invalid(CLI_0007, "job spec is null");
        }
        return enqueue(job.type(), job.args(), job.options());
    }

    @Override
    public List<Job> enqueueBatch(List<JobSpec> jobs) {
        ensureOpen();
        if (jobs == null || jobs.isEmpty()) {
            throw Checks.invalid(CLI_0007, "batch enqueue needs at least one job");
        }
        List<WireMapper.Prepared> prepared = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            JobSpec spec = jobs.get(i);
            if (spec == null) {
                throw Checks.invalid(CLI_0007, "job at index " + i + " of the batch is null");
            }
            try {
                prepared.add(wire.prepare(spec.type(), spec.args(), spec.options()));
            } catch (org.openjobspec.ee.error.OjsValidationException e) {
                throw Checks.invalid(CLI_0007, "job at index " + i + " of the batch: " + e.errorMessage());
            }
        }
        Sending sending = observers.sending(Operation.ENQUEUE_BATCH, null,
                prepared.stream().map(WireMapper.Prepared::job).toList());
        try {
            List<EnqueueRequest> requests = prepared.stream().map(wire::enqueueRequest).toList();
            List<Job> created = api.enqueueBatch(new BatchEnqueueRequest(requests)).jobs();
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
    public Job getJob(String id) {
        ensureOpen();
        return job(api.getJob(Checks.identifier("job id", id)), "get job");
    }

    @Override
    public Job cancel(String id) {
        ensureOpen();
        return job(api.cancelJob(Checks.identifier("job id", id)), "cancel");
    }

    // ---- workflows

    @Override
    public WorkflowStatus createWorkflow(WorkflowDefinition workflow) {
        ensureOpen();
        List<WireMapper.Prepared> members = prepareMembers(workflow);
        List<WireMapper.Prepared> callbacks = new ArrayList<>(3);
        WireMapper.Prepared onComplete = prepareCallback(workflow.onComplete(), callbacks);
        WireMapper.Prepared onSuccess = prepareCallback(workflow.onSuccess(), callbacks);
        WireMapper.Prepared onFailure = prepareCallback(workflow.onFailure(), callbacks);
        List<org.openjobspec.ee.OutgoingJob> observed = new ArrayList<>(members.size() + callbacks.size());
        members.forEach(m -> observed.add(m.job()));
        callbacks.forEach(c -> observed.add(c.job()));
        Sending sending = observers.sending(Operation.CREATE_WORKFLOW, workflow.name(), observed);
        try {
            boolean chain = workflow.kind() == WorkflowDefinition.Kind.CHAIN;
            List<WorkflowJob> wireMembers = members.stream().map(wire::workflowJob).toList();
            WorkflowCallbacks wireCallbacks = callbacks.isEmpty() ? null
                    : new WorkflowCallbacks(callback(onComplete), callback(onSuccess), callback(onFailure));
            WorkflowRequest request = new WorkflowRequest(kind(workflow), workflow.name(), chain ? wireMembers : null,
                    chain ? null : wireMembers, wireCallbacks);
            WorkflowStatus created = workflow(api.createWorkflow(request), "create workflow");
            sending.sent(List.of(), created.id());
            return created;
        } catch (RuntimeException | Error e) {
            sending.failed(e);
            throw e;
        }
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
        ensureOpen();
        return workflow(api.getWorkflow(Checks.identifier("workflow id", id)), "get workflow");
    }

    @Override
    public WorkflowStatus cancelWorkflow(String id) {
        ensureOpen();
        return workflow(api.cancelWorkflow(Checks.identifier("workflow id", id)), "cancel workflow");
    }

    // ---- queues

    @Override
    public List<QueueInfo> queues() {
        ensureOpen();
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
    }

    @Override
    public QueueList queues(int limit, int offset) {
        ensureOpen();
        paging("queue", limit, offset);
        return api.listQueues(limit, offset);
    }

    @Override
    public QueueStats queueStats(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return stats(api.queueStats(queue), queue, "queue stats");
    }

    @Override
    public QueueStats pauseQueue(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return stats(api.pauseQueue(queue, JsonValue.EMPTY_JSON_OBJECT), queue, "pause queue");
    }

    @Override
    public QueueStats resumeQueue(String queue) {
        ensureOpen();
        Checks.queueName(queue);
        return stats(api.resumeQueue(queue, JsonValue.EMPTY_JSON_OBJECT), queue, "resume queue");
    }

    // ---- dead letter

    @Override
    public DeadLetterPage deadLetter(int limit, int offset) {
        ensureOpen();
        paging("dead-letter", limit, offset);
        return api.listDeadLetter(limit, offset, null);
    }

    @Override
    public DeadLetterPage deadLetter(String queue, int limit, int offset) {
        ensureOpen();
        Checks.queueName(queue);
        paging("dead-letter", limit, offset);
        return api.listDeadLetter(limit, offset, queue);
    }

    private static void paging(String what, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw Checks.invalid(CLI_0006, what + " paging needs limit >= 1 and offset >= 0, got limit="
                    + limit + ", offset=" + offset);
        }
    }

    @Override
    public Job retryDeadLetter(String id) {
        ensureOpen();
        return job(api.retryDeadLetter(Checks.identifier("job id", id), JsonValue.EMPTY_JSON_OBJECT), "retry dead letter");
    }

    @Override
    public void discardDeadLetter(String id) {
        ensureOpen();
        api.deleteDeadLetter(Checks.identifier("job id", id));
    }

    // ---- cron

    @Override
    public List<CronJob> cronJobs() {
        ensureOpen();
        return api.listCron().entries();
    }

    @Override
    public CronJob registerCron(CronDefinition cron) {
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
        return cron(api.registerCron(registration), "register cron");
    }

    @Override
    public CronJob unregisterCron(String name) {
        ensureOpen();
        return cron(api.unregisterCron(Checks.identifier("cron name", name)), "unregister cron");
    }

    // ---- server

    @Override
    public Manifest manifest() {
        ensureOpen();
        return api.manifest();
    }

    @Override
    public Health health() {
        ensureOpen();
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
        return async(() -> enqueue(type, args));
    }

    @Override
    public CompletionStage<Job> enqueueAsync(String type, Object args, EnqueueOptions options) {
        return async(() -> enqueue(type, args, options));
    }

    @Override
    public CompletionStage<Job> enqueueAsync(JobSpec job) {
        return async(() -> enqueue(job));
    }

    @Override
    public CompletionStage<List<Job>> enqueueBatchAsync(List<JobSpec> jobs) {
        return async(() -> enqueueBatch(jobs));
    }

    @Override
    public CompletionStage<Job> getJobAsync(String id) {
        return async(() -> getJob(id));
    }

    @Override
    public CompletionStage<Job> cancelAsync(String id) {
        return async(() -> cancel(id));
    }

    @Override
    public CompletionStage<WorkflowStatus> createWorkflowAsync(WorkflowDefinition workflow) {
        return async(() -> createWorkflow(workflow));
    }

    @Override
    public CompletionStage<WorkflowStatus> getWorkflowAsync(String id) {
        return async(() -> getWorkflow(id));
    }

    @Override
    public CompletionStage<WorkflowStatus> cancelWorkflowAsync(String id) {
        return async(() -> cancelWorkflow(id));
    }

    @Override
    public CompletionStage<List<QueueInfo>> queuesAsync() {
        return async(this::queues);
    }

    @Override
    public CompletionStage<QueueList> queuesAsync(int limit, int offset) {
        return async(() -> queues(limit, offset));
    }

    @Override
    public CompletionStage<QueueStats> queueStatsAsync(String queue) {
        return async(() -> queueStats(queue));
    }

    @Override
    public CompletionStage<QueueStats> pauseQueueAsync(String queue) {
        return async(() -> pauseQueue(queue));
    }

    @Override
    public CompletionStage<QueueStats> resumeQueueAsync(String queue) {
        return async(() -> resumeQueue(queue));
    }

    @Override
    public CompletionStage<DeadLetterPage> deadLetterAsync(int limit, int offset) {
        return async(() -> deadLetter(limit, offset));
    }

    @Override
    public CompletionStage<DeadLetterPage> deadLetterAsync(String queue, int limit, int offset) {
        return async(() -> deadLetter(queue, limit, offset));
    }

    @Override
    public CompletionStage<Job> retryDeadLetterAsync(String id) {
        return async(() -> retryDeadLetter(id));
    }

    @Override
    public CompletionStage<Void> discardDeadLetterAsync(String id) {
        return async(() -> {
            discardDeadLetter(id);
            return null;
        });
    }

    @Override
    public CompletionStage<List<CronJob>> cronJobsAsync() {
        return async(this::cronJobs);
    }

    @Override
    public CompletionStage<CronJob> registerCronAsync(CronDefinition cron) {
        return async(() -> registerCron(cron));
    }

    @Override
    public CompletionStage<CronJob> unregisterCronAsync(String name) {
        return async(() -> unregisterCron(name));
    }

    @Override
    public CompletionStage<Manifest> manifestAsync() {
        return async(this::manifest);
    }

    @Override
    public CompletionStage<Health> healthAsync() {
        return async(this::health);
    }

    private <T> CompletionStage<T> async(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new OjsException(ErrorInfo.client(OjsErrors.CLIENT_FAILURE,
                    OjsErrors.CLIENT_FAILURE + ": the client's executor refused the call: " + e.getMessage(), true), e));
        }
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
