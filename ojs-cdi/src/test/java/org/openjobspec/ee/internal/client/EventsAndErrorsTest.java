package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.UniquePolicy;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.error.OjsAuthException;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsMalformedResponseException;
import org.openjobspec.ee.error.OjsNotFoundException;
import org.openjobspec.ee.error.OjsQueuePausedException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsTimeoutException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.Health;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.rest.OjsWorkerApi;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testkit.Wait;

import static org.openjobspec.ee.internal.Messages.CLI_0001;
import static org.openjobspec.ee.internal.Messages.CLI_0002;
import static org.openjobspec.ee.internal.Messages.CLI_0003;
import static org.openjobspec.ee.internal.Messages.CLI_0004;
import static org.openjobspec.ee.internal.Messages.CLI_0005;
import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0007;
import static org.openjobspec.ee.internal.Messages.CLI_0008;
import static org.openjobspec.ee.internal.Messages.CLI_0009;
import static org.openjobspec.ee.internal.Messages.CLI_0010;
import static org.openjobspec.ee.internal.Messages.CLI_0012;
import static org.openjobspec.ee.internal.Messages.CLI_0013;
import static org.openjobspec.ee.internal.Messages.CLI_0014;

/** Event subscriptions, authentication, bad input, and servers that are down, slow or answer garbage. */
@Timeout(300)
class EventsAndErrorsTest {

    @Test
    void jobSubscriptionFollowsTheJobToCompletionAndEnds() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            OjsWorkerApi worker = ClientSettings.builder().url(server.url()).build().restClient(OjsWorkerApi.class);
            Job job = client.enqueue("t.events", null);
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            EventSubscription subscription = client.subscribeJob(job.id(), events::add);
            Job fetched = awaitFetch(worker);
            worker.ack(new AckRequest(fetched.id(), null, "w"));
            Wait.until("a terminal event", () -> events, e -> !e.isEmpty() && e.get(e.size() - 1).isTerminal());
            assertThat(events).allSatisfy(e -> assertThat(e.jobId()).isEqualTo(job.id()));
            JobEvent last = events.get(events.size() - 1);
            assertThat(last.to()).isEqualTo("completed");
            assertThat(last.event()).isEqualTo("job.state_changed");
            Wait.until("the job subscription to end after the terminal event", () -> !subscription.isOpen());
            ((Closeable) worker).close();
        }
    }

    @Test
    void queueSubscriptionSeesNewJobsAndStopsOnClose() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
            EventSubscription subscription = client.subscribeQueue("mail", events::add);
            JobEvent seen = enqueueUntilSeen(client, events);
            assertThat(seen.queue()).isEqualTo("mail");
            assertThat(seen.jobId()).isNotNull();
            subscription.close();
            assertThat(subscription.isOpen()).isFalse();
            // a second, open subscription shows when an event for a later job has been delivered
            BlockingQueue<JobEvent> control = new LinkedBlockingQueue<>();
            try (EventSubscription open = client.subscribeQueue("mail", control::add)) {
                enqueueUntilSeen(client, control);
                Job later = client.enqueue("t.events", null, EnqueueOptions.defaults().queue("mail"));
                Wait.until("the open subscription saw the later job", () -> control,
                        c -> c.stream().anyMatch(e -> later.id().equals(e.jobId())));
                assertThat(events).noneMatch(e -> later.id().equals(e.jobId()));
            }
        }
    }

    @Test
    void subscriptionToAnUnknownJobReportsNotFoundAndEnds() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            BlockingQueue<OjsException> errors = new LinkedBlockingQueue<>();
            EventSubscription subscription = client.subscribeJob("0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b", e -> { }, errors::add);
            assertThat(errors.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(OjsNotFoundException.class);
            Wait.until("the subscription to end", () -> !subscription.isOpen());
        }
    }

    @Test
    void queueSubscriptionReconnectsAfterTheServerComesBack() throws Exception {
        EmbeddedOjsServer first = EmbeddedOjsServer.start();
        int port = first.port();
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<OjsException> errors = new LinkedBlockingQueue<>();
        try (OjsClient client = OjsClient.builder().url(first.url()).build()) {
            EventSubscription subscription = client.subscribeQueue("mail", events::add, errors::add);
            enqueueUntilSeen(client, events); // connected
            first.stop();
            assertThat(errors.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("drop reported").isNotNull();
            events.clear();
            try (EmbeddedOjsServer second = EmbeddedOjsServer.builder().port(port).start()) {
                assertThat(enqueueUntilSeen(client, events)).as("event after reconnect").isNotNull();
                assertThat(subscription.isOpen()).isTrue();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void authTokenIsSentAndWrongOrMissingTokensAreAuthErrors() {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.builder().authToken("s3cret").start()) {
            try (OjsClient anonymous = OjsClient.builder().url(server.url()).build()) {
                assertThatThrownBy(() -> anonymous.enqueue("t.auth", null))
                        .isInstanceOfSatisfying(OjsAuthException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
                assertThat(anonymous.health().healthy()).as("health needs no token").isTrue();
            }
            try (OjsClient wrong = OjsClient.builder().url(server.url()).authToken("nope").build()) {
                assertThatThrownBy(() -> wrong.queues())
                        .isInstanceOfSatisfying(OjsAuthException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
            }
            try (OjsClient right = OjsClient.builder().url(server.url()).authToken("s3cret").build()) {
                assertThat(right.enqueue("t.auth", null).id()).isNotBlank();
            }
        }
    }

    @Test
    void badInputFailsBeforeAnyHttpCall() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = OjsClient.builder().url(ojs.url()).build()) {
            Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
            calls.put(CLI_0001.id(), () -> client.enqueue("Email.Send", null));
            calls.put(CLI_0001.id() + " null", () -> client.enqueue((String) null, null));
            calls.put(CLI_0002.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().queue("Bad Queue")));
            calls.put(CLI_0002.id() + " stats", () -> client.queueStats("UPPER"));
            calls.put(CLI_0003.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().priority(101)));
            calls.put(CLI_0004.id(), () -> client.enqueue("a.b", new Exploding()));
            calls.put(CLI_0005.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().id("not-a-uuid")));
            calls.put(CLI_0006.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().timeout(Duration.ZERO)));
            calls.put(CLI_0006.id() + " retry", () -> client.enqueue("a.b", null,
                    EnqueueOptions.defaults().retry(RetryPolicy.defaults().backoffCoefficient(0.5))));
            calls.put(CLI_0007.id(), () -> client.enqueueBatch(List.of()));
            calls.put(CLI_0007.id() + " element", () -> client.enqueueBatch(List.of(JobSpec.of("a.b", null), JobSpec.of("B", null))));
            calls.put(CLI_0008.id(), () -> client.createWorkflow(WorkflowDefinition.chain("c", JobSpec.of("a.b", null))
                    .onComplete(JobSpec.of("a.c", null))));
            calls.put(CLI_0008.id() + " empty", () -> client.createWorkflow(WorkflowDefinition.group("g")));
            calls.put(CLI_0009.id(), () -> client.registerCron(CronDefinition.of("n", " ", JobSpec.of("a.b", null))));
            calls.put(CLI_0010.id(), () -> client.getJob(" "));
            calls.put(CLI_0012.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().tags("ok", " ")));
            calls.put(CLI_0013.id(), () -> client.enqueue("a.b", null, EnqueueOptions.defaults().unique(UniquePolicy.by())));
            calls.forEach((id, call) -> assertThatThrownBy(call::run).as(id)
                    .isInstanceOfSatisfying(OjsValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo(id.split(" ")[0]);
                        assertThat(e.getMessage()).startsWith(e.code() + ": ");
                        assertThat(e.httpStatus()).isZero();
                        assertThat(e.isRetryable()).isFalse();
                    }));
            assertThat(ojs.received()).as("no request left the client").isEmpty();
        }
    }

    @Test
    void serverSideValidationErrorsAreTyped() {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            assertThatThrownBy(() -> client.registerCron(CronDefinition.of("broken", "not a cron", JobSpec.of("a.b", null))))
                    .isInstanceOfSatisfying(OjsValidationException.class, e -> {
                        assertThat(e.httpStatus()).isIn(400, 422);
                        assertThat(e.requestId()).startsWith("req_");
                    });
        }
    }

    @Test
    void errorAnswersMapToTypes() throws Exception {
        // retries off: each answer is seen once, as thrown (ClientRetryTest covers the retries)
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(ojs.url()).retryEnabled(false).build()) {
            ojs.always(Behaviour.json(409, "{\"error\":{\"code\":\"queue_paused\",\"message\":\"Queue 'q' is paused.\",\"retryable\":true}}"));
            assertThatThrownBy(() -> client.enqueue("a.b", null)).isInstanceOfSatisfying(OjsQueuePausedException.class,
                    e -> assertThat(e.isRetryable()).isTrue());
            ojs.always(Behaviour.answer(429, Map.of("Content-Type", "application/json", "Retry-After", "3"),
                    "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\",\"retryable\":true}}"));
            assertThatThrownBy(() -> client.getJob("x")).isInstanceOfSatisfying(OjsRateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
            ojs.always(Behaviour.json(422, "{\"error\":{\"code\":\"validation_error\",\"type\":\"validation_error\",\"message\":\"bad retry\",\"retryable\":false}}"));
            assertThatThrownBy(() -> client.getJob("x")).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> assertThat(e.errorType()).contains("validation_error"));
            ojs.always(Behaviour.json(500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"oops\",\"retryable\":true,\"request_id\":\"req_1\"}}"));
            assertThatThrownBy(() -> client.queues()).isInstanceOfSatisfying(OjsUnavailableException.class, e -> {
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.requestId()).isEqualTo("req_1");
            });
            ojs.always(Behaviour.json(400, "{\"code\":\"INVALID_PAYLOAD\",\"message\":\"unwrapped spec shape\",\"retryable\":false}"));
            assertThatThrownBy(() -> client.queues()).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> assertThat(e.code()).isEqualTo("INVALID_PAYLOAD"));
            ojs.always(Behaviour.json(503, "{\"status\":\"degraded\",\"backend\":{\"type\":\"redis\",\"status\":\"down\",\"error\":\"refused\"}}"));
            Health health = client.health();
            assertThat(health.healthy()).isFalse();
            assertThat(health.backend().error()).isEqualTo("refused");
        }
    }

    @Test
    void garbageFromTheServerIsMalformedNeverNpe() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = OjsClient.builder().url(ojs.url()).build()) {
            List<Consumer<OjsClient>> calls = List.of(c -> c.getJob("x"), c -> c.enqueue("a.b", null), OjsClient::queues,
                    c -> c.queueStats("q"), OjsClient::cronJobs, OjsClient::manifest, c -> c.getWorkflow("w"),
                    c -> c.deadLetter(), c -> c.enqueueBatch(List.of(JobSpec.of("a.b", null))));
            for (String body : List.of("<html>oops</html>", "{\"job\":{\"id\":\"x\",\"attempt\":\"two\"",
                    "{\"job\":{\"id\":\"x\",\"created_at\":17}, \"queues\":\"nope\", \"crons\":5, \"workflow\":[], \"jobs\":{}, \"protocols\":3}",
                    "{}", "")) {
                ojs.always(Behaviour.json(200, body));
                for (Consumer<OjsClient> call : calls) {
                    try {
                        call.accept(client);
                    } catch (OjsMalformedResponseException expected) {
                        assertThat(expected.code()).isEqualTo(OjsErrors.MALFORMED);
                        continue;
                    }
                    // a few shapes are legitimately empty results (e.g. "{}" for a list)
                    assertThat(body).as("call " + calls.indexOf(call) + " succeeded on " + body).isIn("{}", "");
                }
            }
        }
    }

    @Test
    void serverDownAndSlowServer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (OjsClient down = OjsClient.builder().url("http://127.0.0.1:" + port).connectTimeout(Duration.ofSeconds(1))
                .retryEnabled(false).build()) {
            assertThatThrownBy(() -> down.enqueue("a.b", null)).isInstanceOfSatisfying(OjsTransportException.class, e -> {
                assertThat(e.code()).isEqualTo(OjsErrors.TRANSPORT);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("ojs.url");
            });
        }
        // the server never answers: only the client's read timeout can end the call
        try (HostileOjsServer silent = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(silent.url()).readTimeout(Duration.ofMillis(400))
                     .retryEnabled(false).build()) {
            silent.always(Behaviour.hang());
            assertThatThrownBy(client::queues).isInstanceOf(OjsTimeoutException.class);
        }
    }

    @Test
    void everyRequestCarriesVersionRequestIdTokenAndExtraHeaders() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(ojs.url() + "/").authToken("tok").header("X-Tenant", "acme").build()) {
            ojs.always(Behaviour.json(200, "{\"queues\":[]}"));
            client.queues();
            HostileOjsServer.Received seen = ojs.last();
            assertThat(seen.path()).isEqualTo("/ojs/v1/queues");
            assertThat(seen.header("OJS-Version")).isEqualTo("1.0");
            assertThat(seen.header("X-Request-Id")).startsWith("req_");
            assertThat(seen.header("Authorization")).isEqualTo("Bearer tok");
            assertThat(seen.header("X-Tenant")).isEqualTo("acme");
            assertThat(seen.body()).isEmpty();
        }
    }

    @Test
    void closedClientRefusesCalls() {
        OjsClient client = OjsClient.builder().url("http://127.0.0.1:9").build();
        client.close();
        assertThatThrownBy(() -> client.enqueue("a.b", null)).isInstanceOfSatisfying(OjsException.class,
                e -> assertThat(e.code()).isEqualTo(CLI_0014.id()));
    }

    /** A value JSON-B cannot write. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    private static Job awaitFetch(OjsWorkerApi worker) {
        return Wait.until("a job to fetch", () -> worker.fetch(new FetchRequest(List.of("default"), 1, "w", null))
                .jobs(), jobs -> !jobs.isEmpty()).get(0);
    }

    /** Enqueues on queue {@code mail} until {@code events} receives one: the stream may still be connecting. */
    private static JobEvent enqueueUntilSeen(OjsClient client, BlockingQueue<JobEvent> events) {
        Wait.retrying("an event on queue mail", () -> client.enqueue("t.events", null,
                EnqueueOptions.defaults().queue("mail")), () -> !events.isEmpty());
        return events.poll();
    }
}
