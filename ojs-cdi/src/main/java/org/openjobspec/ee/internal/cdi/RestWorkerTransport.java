package org.openjobspec.ee.internal.cdi;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executor;
import org.openjobspec.ee.internal.client.QueueEventWatch;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.HeartbeatRequest;
import org.openjobspec.ee.model.HeartbeatResponse;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobError;
import org.openjobspec.ee.model.NackRequest;
import org.openjobspec.ee.model.ProgressRequest;
import org.openjobspec.ee.rest.OjsRestClients;
import org.openjobspec.ee.rest.OjsRestConfig;
import org.openjobspec.ee.rest.OjsWorkerApi;
import org.openjobspec.ee.internal.worker.Failure;
import org.openjobspec.ee.internal.worker.HeartbeatReply;
import org.openjobspec.ee.internal.worker.TransportException;
import org.openjobspec.ee.internal.worker.WorkerJob;
import org.openjobspec.ee.internal.worker.WorkerSettings;
import org.openjobspec.ee.internal.worker.WorkerTransport;

import static org.openjobspec.ee.internal.Messages.WRK_0039;
import static org.openjobspec.ee.internal.Messages.WRK_0044;

/**
 * The engine's transport over the MicroProfile typed REST client of the worker protocol. Every heartbeat says who
 * the worker is (worker protocol §4.2): its labels, host, process id, queues and concurrency.
 */
final class RestWorkerTransport implements WorkerTransport, Closeable {

    private static final System.Logger LOG = System.getLogger(RestWorkerTransport.class.getName());

    private final OjsRestConfig config;
    private final String workerId;
    private final WorkerSettings settings;
    private final List<String> labels;
    private volatile String hostname;
    private volatile OjsWorkerApi api;
    private boolean closed;

    RestWorkerTransport(OjsRestConfig config, WorkerSettings settings) {
        this.config = config;
        this.workerId = settings.workerId();
        this.settings = settings;
        // the protocol's labels are strings; ojs.worker.labels' pairs travel as "key=value"
        this.labels = settings.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * The host's name, looked up once, on the worker's thread: the environment's name when there is one (containers
     * set HOSTNAME), else the resolver's, which may take a moment on a badly configured host.
     */
    private String hostname() {
        String name = hostname;
        if (name == null) {
            name = System.getenv("HOSTNAME");
            if (name == null || name.isBlank()) {
                name = System.getenv("COMPUTERNAME");
            }
            if (name == null || name.isBlank()) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (IOException | RuntimeException e) {
                    name = "unknown";
                }
            }
            hostname = name;
        }
        return name;
    }

    /**
     * The REST client, built on first use, that is on the worker's own thread: building it in the application's
     * start-up took ~45 ms of each deployment on Open Liberty. A failure to build it is retried like a server that
     * is down.
     */
    private OjsWorkerApi api() throws TransportException {
        OjsWorkerApi built = api;
        return built != null ? built : build();
    }

    private synchronized OjsWorkerApi build() throws TransportException {
        if (closed) {
            throw unavailable("it was closed", null);
        }
        if (api == null) {
            try {
                api = OjsRestClients.create(OjsWorkerApi.class, config);
            } catch (RuntimeException e) {
                throw unavailable("it cannot be built: " + e.getMessage(), e);
            }
        }
        return api;
    }

    private static TransportException unavailable(String why, Throwable cause) {
        return new TransportException(TransportException.Kind.UNAVAILABLE,
                WRK_0039 + ": the worker's REST client is unavailable: " + why, null, cause);
    }

    @Override
    public List<WorkerJob> fetch(List<String> queues, int count, String workerId, long visibilityTimeoutMs)
            throws TransportException {
        try {
            List<Job> jobs = api().fetch(new FetchRequest(queues, count, workerId, visibilityTimeoutMs)).jobs();
            List<WorkerJob> result = new ArrayList<>(jobs.size());
            for (Job j : jobs) {
                result.add(toWorkerJob(j));
            }
            return result;
        } catch (OjsException e) {
            throw classify(e, false);
        }
    }

    static WorkerJob toWorkerJob(Job j) {
        String workflowId = null;
        if (j.meta() != null && j.meta().get("workflow_id") instanceof jakarta.json.JsonString s) {
            workflowId = s.getString();
        }
        return new WorkerJob(j.id(), j.type(), j.queue(), j.attempt() == null ? 0 : j.attempt(),
                j.maxAttempts() == null ? 0 : j.maxAttempts(), j.argsOrEmpty(), j.metaOrEmpty(), j.parentResults(),
                workflowId, j.enqueuedAt());
    }

    @Override
    public void ack(String jobId, JsonValue result) throws TransportException {
        try {
            api().ack(new AckRequest(jobId, result, workerId));
        } catch (OjsException e) {
            throw classify(e, true);
        }
    }

    @Override
    public void nack(String jobId, Failure failure, boolean requeue) throws TransportException {
        JobError error = JobError.of(failure.code(), failure.type(), failure.message(), failure.retryable(),
                failure.details());
        try {
            api().nack(new NackRequest(jobId, error, requeue ? Boolean.TRUE : null, workerId));
        } catch (OjsException e) {
            throw classify(e, true);
        }
    }

    @Override
    public HeartbeatReply heartbeat(String workerId, Collection<String> activeJobIds, long visibilityTimeoutMs,
                                    String state) throws TransportException {
        try {
            HeartbeatResponse r = api().heartbeat(new HeartbeatRequest(workerId, List.copyOf(activeJobIds),
                    visibilityTimeoutMs, state, labels.isEmpty() ? null : labels, hostname(),
                    ProcessHandle.current().pid(), settings.queues(), settings.concurrency()));
            return new HeartbeatReply(r.effectiveDirective().name(),
                    r.extendedJobs().map(HashSet::new).orElse(null));
        } catch (OjsException e) {
            throw classify(e, false);
        }
    }

    /**
     * A 405, or a 404 that is not about the job, means the server lacks the progress extension; a 404 about the job
     * (its {@code details.resource_type} is {@code job}) or a 409 means the job is no longer active there.
     */
    @Override
    public void progress(String jobId, double fraction, String message) throws TransportException {
        try {
            api().progress(jobId, new ProgressRequest(fraction, message)).close();
        } catch (OjsException e) {
            int status = e.httpStatus();
            boolean aboutTheJob = status == 409 || (status == 404 && e.details().get("resource_type")
                    instanceof JsonString type && type.getString().equals("job"));
            if (status == 405 || (status == 404 && !aboutTheJob)) {
                throw new TransportException(TransportException.Kind.UNSUPPORTED, e.getMessage(), null, e);
            }
            throw classify(e, aboutTheJob);
        }
    }

    /** Watches the queues' event streams on the server the REST client talks to, with the same headers and TLS. */
    @Override
    public Watch watchQueues(List<String> queues, Executor executor, Runnable onActivity) {
        QueueEventWatch watch = QueueEventWatch.open(config, queues, executor, onActivity, answer ->
                LOG.log(System.Logger.Level.INFO, WRK_0044 + ": the OJS server at {0} has no queue event stream "
                        + "({1}); the worker finds new jobs by polling only. Set ojs.worker.wake-on-events=false to "
                        + "skip the attempt", config.baseUri(), answer.getMessage()));
        return watch::close;
    }

    private static TransportException classify(OjsException e, boolean settling) {
        int status = e.httpStatus();
        TransportException.Kind kind;
        if (settling && (status == 404 || status == 409)) {
            kind = TransportException.Kind.GONE;
        } else if (status == 0 || status == 429 || status >= 500 || e.isRetryable()) {
            kind = TransportException.Kind.UNAVAILABLE;
        } else {
            kind = TransportException.Kind.REJECTED;
        }
        return new TransportException(kind, e.getMessage(), e.retryAfter().orElse(null), e);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (api instanceof Closeable c) {
            c.close();
        }
    }
}
