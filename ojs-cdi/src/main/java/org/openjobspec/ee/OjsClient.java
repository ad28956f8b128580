package org.openjobspec.ee;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.internal.client.OjsClientBuilder;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.model.DeadLetterPage;
import org.openjobspec.ee.model.Health;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.model.Manifest;
import org.openjobspec.ee.model.QueueInfo;
import org.openjobspec.ee.model.QueueList;
import org.openjobspec.ee.model.QueueStats;
import org.openjobspec.ee.model.WorkflowStatus;

/**
 * Client of an OJS server: enqueue jobs, inspect and cancel them, run workflows, administer queues,
 * the dead-letter queue and cron, and follow job events (of one job, one queue, or all of them).
 *
 * <p>In CDI: {@code @Inject OjsClient ojs;} (configured from MicroProfile Config, {@code ojs.url} etc.).
 * In plain Java: {@code OjsClient.builder().url("http://localhost:8080").build()}.
 *
 * <p>Thread-safe. Every failure is an unchecked {@link OjsException}: a subtype tells what happened
 * ({@code OjsNotFoundException}, {@code OjsDuplicateException}, {@code OjsValidationException},
 * {@code OjsTransportException}, ...). Bad input is rejected before any HTTP call. The {@code ...Async}
 * variants run the same call on the client's executor and complete exceptionally with the same exceptions.
 *
 * <p><b>Retries.</b> A call that fails in a way a later try may not meet (server not reached, timeout, reset
 * connection, HTTP 502, 503, 504 or 429) is tried again, waiting exponentially longer with jitter and never less
 * than the server's {@code Retry-After}, within {@code ojs.retry.max-attempts} tries and {@code ojs.retry.max-duration}
 * ({@code ojs.retry.enabled=false} switches it off); the last failure is thrown. Enqueues are exactly-once across
 * tries: each job's id is fixed before the first try, and a {@code 409 duplicate} on a retry returns the job an
 * earlier try created. Calls a second try could do twice or answer differently (cancel, workflow creation,
 * dead-letter retry and discard, cron changes) are tried again only when the server did not do the first: not
 * reached, 429 or 503. An async call holds no thread while it waits for its next try.
 *
 * <p><b>Args.</b> On the wire {@code args} is a JSON array. A {@link jakarta.json.JsonArray} is sent as
 * it is; {@link JobArgs#of(Object...)} sends each value as one element; {@code null} sends {@code []};
 * any other value (record, POJO, map, string, number) is sent as a one-element array, serialized with
 * JSON-B.
 */
public interface OjsClient extends AutoCloseable {

    /** A builder for use without CDI. */
    static Builder builder() {
        return new OjsClientBuilder();
    }

    // ---- jobs

    /** Enqueues a job of {@code type} with {@code args} and default options. */
    Job enqueue(String type, Object args);

    /** Enqueues a job of {@code type} with {@code args} and {@code options}. */
    Job enqueue(String type, Object args, EnqueueOptions options);

    /** Enqueues {@code job}. */
    Job enqueue(JobSpec job);

    /**
     * Enqueues all jobs at once, all or nothing; returns them in order. A batch whose JSON body is larger than
     * {@code ojs.batch.max-bytes} (default 1 MiB, what servers accept) fails before any HTTP call with an OJS-CLI
     * error naming its size and the limit; {@link #enqueueAll(List)} sends any number of jobs.
     */
    List<Job> enqueueBatch(List<JobSpec> jobs);

    /**
     * Enqueues any number of jobs in order, as consecutive batches each under {@code ojs.batch.max-bytes}; returns
     * them in order.
     *
     * <p><b>Not atomic.</b> Each batch is all or nothing, the whole is not: when a batch fails (after its retries)
     * the exception is thrown, the batches before it stay enqueued and the rest is not sent. To resume, enqueue the
     * same jobs again with the same ids ({@code EnqueueOptions.id}): those already there are refused as duplicates.
     * A job alone larger than the limit fails before anything is sent (an OJS-CLI error). An empty list sends nothing.
     */
    List<Job> enqueueAll(List<JobSpec> jobs);

    /** The job with this id ({@code OjsNotFoundException} if none). */
    Job getJob(String id);

    /** Cancels a job that has not reached a terminal state; returns it ({@code OjsConflictException} if terminal). */
    Job cancel(String id);

    // ---- workflows

    /** Creates a chain, group or batch workflow. */
    WorkflowStatus createWorkflow(WorkflowDefinition workflow);

    /** The workflow's state and progress. */
    WorkflowStatus getWorkflow(String id);

    /** Cancels a running workflow and its unfinished jobs. */
    WorkflowStatus cancelWorkflow(String id);

    // ---- queues

    /** All queues known to the server (read page by page if the server pages them). */
    List<QueueInfo> queues();

    /** A page of the queues ({@code GET /ojs/v1/queues?limit=&offset=}); see {@link QueueList#hasMore()}. */
    QueueList queues(int limit, int offset);

    /** Counters and pause state of a queue. */
    QueueStats queueStats(String queue);

    /** Pauses a queue: workers stop receiving its jobs. */
    QueueStats pauseQueue(String queue);

    /** Resumes a paused queue. */
    QueueStats resumeQueue(String queue);

    // ---- dead letter

    /** First page (50 entries) of the dead-letter queue. */
    default DeadLetterPage deadLetter() {
        return deadLetter(50, 0);
    }

    /** A page of the dead-letter queue. */
    DeadLetterPage deadLetter(int limit, int offset);

    /** A page of the dead-letter jobs of one queue ({@code GET /ojs/v1/dead-letter?queue=}). */
    DeadLetterPage deadLetter(String queue, int limit, int offset);

    /** Puts a dead-letter job back on its queue (attempts reset); returns it. */
    Job retryDeadLetter(String id);

    /** Deletes a job from the dead-letter queue for good. */
    void discardDeadLetter(String id);

    // ---- cron

    /** Registered cron entries. */
    List<CronJob> cronJobs();

    /** Registers a cron entry. */
    CronJob registerCron(CronDefinition cron);

    /** Removes a cron entry; returns it. */
    CronJob unregisterCron(String name);

    // ---- server

    /** What the server implements (spec version, capabilities, extensions). */
    Manifest manifest();

    /** The server's health; an unhealthy server (HTTP 503) is reported here, not thrown. */
    Health health();

    // ---- events

    /** Follows the events of one job until it is terminal or the subscription is closed. */
    default EventSubscription subscribeJob(String jobId, Consumer<JobEvent> listener) {
        return subscribeJob(jobId, listener, error -> { });
    }

    /** As {@link #subscribeJob(String, Consumer)}, reporting stream errors (before each reconnect) to {@code onError}. */
    EventSubscription subscribeJob(String jobId, Consumer<JobEvent> listener, Consumer<OjsException> onError);

    /** Follows the events of all jobs of a queue until closed. */
    default EventSubscription subscribeQueue(String queue, Consumer<JobEvent> listener) {
        return subscribeQueue(queue, listener, error -> { });
    }

    /** As {@link #subscribeQueue(String, Consumer)}, reporting stream errors to {@code onError}. */
    EventSubscription subscribeQueue(String queue, Consumer<JobEvent> listener, Consumer<OjsException> onError);

    /**
     * Follows every job event of the server from now on ({@code GET /ojs/v1/events}, polled on the client's
     * executor), until closed. Events arrive in the server's order, each once, also across polls and while the
     * server is briefly away. Failures go nowhere: use {@link #subscribe(Consumer, Consumer)} to see them.
     */
    default EventSubscription subscribe(Consumer<JobEvent> listener) {
        return subscribe(EventFilter.all(), listener, error -> { });
    }

    /** As {@link #subscribe(Consumer)}, reporting failed polls to {@code onError}. */
    default EventSubscription subscribe(Consumer<JobEvent> listener, Consumer<OjsException> onError) {
        return subscribe(EventFilter.all(), listener, onError);
    }

    /** As {@link #subscribe(Consumer)}, keeping only the events {@code filter} lets through. */
    default EventSubscription subscribe(EventFilter filter, Consumer<JobEvent> listener) {
        return subscribe(filter, listener, error -> { });
    }

    /**
     * Follows the job events {@code filter} lets through ({@code GET /ojs/v1/events?after=<cursor>&types=&queues=}).
     *
     * <p>Starting now (the default), the call returns once it knows where "now" is on the server: every event after
     * it returns is delivered. {@link EventFilter#after(String)} resumes after a given event instead. Polls run on
     * the client's executor, one at a time; the listener gets events one after the other, in the server's order,
     * each once: the cursor moves past an event only after the listener had it, across polls and reconnects. A
     * listener that throws is logged as a warning and the subscription goes on.
     *
     * <p>{@code onError} gets each failed poll (the subscription retries with a growing backoff, up to 30 s). A
     * server without the endpoint (HTTP 404 or 405) is reported once, with a message that says so, and ends the
     * subscription; so does an answer that polling again cannot change (401, 403, a filter the server refuses).
     */
    EventSubscription subscribe(EventFilter filter, Consumer<JobEvent> listener, Consumer<OjsException> onError);

    // ---- async variants

    CompletionStage<Job> enqueueAsync(String type, Object args);

    CompletionStage<Job> enqueueAsync(String type, Object args, EnqueueOptions options);

    CompletionStage<Job> enqueueAsync(JobSpec job);

    CompletionStage<List<Job>> enqueueBatchAsync(List<JobSpec> jobs);

    /** As {@link #enqueueAll(List)}: not atomic; completes when the last batch is enqueued or one failed. */
    CompletionStage<List<Job>> enqueueAllAsync(List<JobSpec> jobs);

    CompletionStage<Job> getJobAsync(String id);

    CompletionStage<Job> cancelAsync(String id);

    CompletionStage<WorkflowStatus> createWorkflowAsync(WorkflowDefinition workflow);

    CompletionStage<WorkflowStatus> getWorkflowAsync(String id);

    CompletionStage<WorkflowStatus> cancelWorkflowAsync(String id);

    CompletionStage<List<QueueInfo>> queuesAsync();

    CompletionStage<QueueList> queuesAsync(int limit, int offset);

    CompletionStage<QueueStats> queueStatsAsync(String queue);

    CompletionStage<QueueStats> pauseQueueAsync(String queue);

    CompletionStage<QueueStats> resumeQueueAsync(String queue);

    CompletionStage<DeadLetterPage> deadLetterAsync(int limit, int offset);

    CompletionStage<DeadLetterPage> deadLetterAsync(String queue, int limit, int offset);

    CompletionStage<Job> retryDeadLetterAsync(String id);

    CompletionStage<Void> discardDeadLetterAsync(String id);

    CompletionStage<List<CronJob>> cronJobsAsync();

    CompletionStage<CronJob> registerCronAsync(CronDefinition cron);

    CompletionStage<CronJob> unregisterCronAsync(String name);

    CompletionStage<Manifest> manifestAsync();

    CompletionStage<Health> healthAsync();

    /** Releases connections and open subscriptions. The client cannot be used afterwards. */
    @Override
    void close();

    /**
     * Builds an {@link OjsClient} without CDI.
     *
     * <p>The order of the calls does not matter: {@link #settings(ClientSettings)} supplies the base, and every
     * other setter overrides its one value on top of it, whether it was called before or after. Calling the same
     * setter twice keeps the last value; {@link #header(String, String)} adds to the base's headers, replacing one
     * of the same name.
     */
    interface Builder {

        /** Server base URL, e.g. {@code http://ojs:8080} (required). */
        Builder url(String url);

        /** Server base URL (required). */
        Builder url(URI url);

        /** Bearer token sent as {@code Authorization: Bearer <token>}. */
        Builder authToken(String token);

        /** TCP connect timeout (default 5 s). */
        Builder connectTimeout(Duration timeout);

        /** Read timeout per call (default 30 s). */
        Builder readTimeout(Duration timeout);

        /** An extra header on every request (tenant, gateway key, ...). */
        Builder header(String name, String value);

        /** Trust store for TLS server certificates. */
        Builder trustStore(KeyStore trustStore);

        /** Client key store for mutual TLS. */
        Builder keyStore(KeyStore keyStore, char[] password);

        /** A complete TLS context (instead of trust/key stores). */
        Builder sslContext(SSLContext context);

        /** TLS host name verifier. */
        Builder hostnameVerifier(HostnameVerifier verifier);

        /**
         * The base: url, token, timeouts, headers, TLS, retries and batch limit from {@code settings}, each of which
         * the other setters override, in whatever order they are called. A second call replaces the base.
         */
        Builder settings(ClientSettings settings);

        /** Whether failed calls are tried again ({@code ojs.retry.enabled}, default true). */
        Builder retryEnabled(boolean enabled);

        /** Tries of one call, the first included, 1..100 ({@code ojs.retry.max-attempts}, default 3). */
        Builder retryMaxAttempts(int attempts);

        /** No retry starts later than this after the first try ({@code ojs.retry.max-duration}, default 30 s). */
        Builder retryMaxDuration(Duration duration);

        /** Wait before the first retry, before jitter ({@code ojs.retry.initial-backoff}, default 200 ms). */
        Builder retryInitialBackoff(Duration backoff);

        /** Cap of the doubling wait; a longer {@code Retry-After} wins ({@code ojs.retry.max-backoff}, default 5 s). */
        Builder retryMaxBackoff(Duration backoff);

        /** Largest batch body in bytes of JSON ({@code ojs.batch.max-bytes}, default 1 MiB, at least 1024). */
        Builder batchMaxBytes(int bytes);

        /** Adds an enqueue interceptor; interceptors run in the order added. */
        Builder interceptor(EnqueueInterceptor interceptor);

        /**
         * Executor of the {@code ...Async} methods and event streams; the client does not shut it down. Default: a
         * pool of the client's own (daemon threads {@code ojs-client-*}), shut down by {@link OjsClient#close()}.
         */
        Builder executor(Executor executor);

        /** The client; throws {@link org.openjobspec.ee.error.OjsConfigurationException} listing every problem. */
        OjsClient build();
    }
}
