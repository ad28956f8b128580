package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.UniquePolicy;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.OjsDuplicateException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.WorkflowStatus;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testkit.Wait;

/**
 * Client retries against a real server that fails on purpose: which failures are tried again and for which calls,
 * the waits (on a virtual clock: each wait is recorded and "passes" at once, so Retry-After is checked without
 * waiting for it), the limits, and exactly-once enqueues when an answer is lost.
 */
@Timeout(300)
class ClientRetryTest {

    private static final String JOBS = "/ojs/v1/jobs";
    private static final String BATCH = "/ojs/v1/jobs/batch";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final VirtualTimer timer = new VirtualTimer();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Records the waits and lets virtual time pass at once (or holds async tries until released). */
    static final class VirtualTimer implements Retrier.Timer {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        final AtomicLong now = new AtomicLong();
        volatile Runnable beforeNextTry = () -> { };
        volatile boolean holdAsync;
        final List<Runnable> held = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(Duration wait) {
            waits.add(wait);
            now.addAndGet(wait.toNanos());
            beforeNextTry.run();
        }

        @Override
        public void schedule(Duration wait, Runnable next) {
            waits.add(wait);
            now.addAndGet(wait.toNanos());
            if (holdAsync) {
                held.add(next);
            } else {
                next.run();
            }
        }
    }

    private OjsClient client(java.net.URI url, ClientSettings.Builder tweaks) {
        return DefaultOjsClient.withTimer(tweaks.url(url).build(), List.of(), executor, timer);
    }

    private OjsClient client(java.net.URI url) {
        return client(url, ClientSettings.builder());
    }

    private static String idOf(String body) {
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        return json.getString("id");
    }

    @Test
    void enqueueIsRetriedAfter503WithTheSameIdAndWaitsAtLeastRetryAfter() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on(JOBS, 2, Behaviour.serviceUnavailable(Duration.ofSeconds(1)));
            Job job = client.enqueue("t.retry", "x");
            assertThat(ojs.count(JOBS)).as("tries the server saw").isEqualTo(3);
            assertThat(timer.waits).hasSize(2).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            List<String> ids = ojs.received().stream().filter(r -> r.path().equals(JOBS)).map(r -> idOf(r.body())).toList();
            assertThat(ids).containsOnly(job.id());
            assertThat(client.queueStats("default").available()).isEqualTo(1L);
        }
    }

    @Test
    void readsAreRetriedAfter429AndAfterAResetConnection() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            Job job = client.enqueue("t.retry", null);
            String path = JOBS + "/" + job.id();
            ojs.on(path, 1, Behaviour.tooManyRequests(Duration.ofSeconds(2)));
            assertThat(client.getJob(job.id()).id()).isEqualTo(job.id());
            assertThat(ojs.count(path)).isEqualTo(2);
            assertThat(timer.waits).singleElement().satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
            ojs.on("/ojs/v1/queues", 2, Behaviour.resetConnection());
            assertThat(client.queues()).isNotNull();
            assertThat(ojs.count("/ojs/v1/queues")).isEqualTo(3);
        }
    }

    @Test
    void enqueueWhoseAnswerWasLostReturnsTheJobTheFirstTryCreated() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on(JOBS, 1, Behaviour.answerLost());
            Job job = client.enqueue("t.once", "x", EnqueueOptions.defaults().queue("once"));
            assertThat(ojs.count(JOBS)).as("the lost try and the retry").isEqualTo(2);
            assertThat(ojs.count(JOBS + "/" + job.id())).as("the retry's 409 looked the job up").isEqualTo(1);
            assertThat(ojs.received().stream().filter(r -> r.path().equals(JOBS)).map(r -> idOf(r.body())))
                    .containsOnly(job.id());
            assertThat(job.type()).isEqualTo("t.once");
            assertThat(client.queueStats("once").available()).as("created once").isEqualTo(1L);
        }
    }

    @Test
    void batchWhoseAnswerWasLostReturnsTheJobsTheFirstTryCreated() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on(BATCH, 1, Behaviour.answerLost());
            List<JobSpec> specs = List.of(JobSpec.of("t.a", 1, EnqueueOptions.defaults().queue("b")),
                    JobSpec.of("t.b", 2, EnqueueOptions.defaults().queue("b")),
                    JobSpec.of("t.c", 3, EnqueueOptions.defaults().queue("b")));
            List<Job> jobs = client.enqueueBatch(specs);
            assertThat(jobs).extracting(Job::type).containsExactly("t.a", "t.b", "t.c");
            assertThat(ojs.count(BATCH)).isEqualTo(2);
            assertThat(client.queueStats("b").available()).isEqualTo(3L);
        }
    }

    @Test
    void aDuplicateOnARetryThatIsNotTheClientsOwnJobIsThrown() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            EnqueueOptions unique = EnqueueOptions.defaults().unique(UniquePolicy.by(UniquePolicy.Key.TYPE)
                    .onConflict(UniquePolicy.OnConflict.REJECT));
            client.enqueue("t.unique", 1, unique);
            ojs.on(JOBS, 1, Behaviour.serviceUnavailable(Duration.ZERO));
            assertThatThrownBy(() -> client.enqueue("t.unique", 2, unique)).isInstanceOf(OjsDuplicateException.class);
            assertThat(ojs.count(JOBS)).as("first enqueue, 503, retry answered 409").isEqualTo(3);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = client(ojs.url(), ClientSettings.builder().retryMaxAttempts(4))) {
            ojs.on("/ojs/v1/queues", Behaviour.tooManyRequests(Duration.ZERO));
            assertThatThrownBy(client::queues).isInstanceOf(OjsRateLimitedException.class);
            assertThat(ojs.count("/ojs/v1/queues")).isEqualTo(4);
            // doubling from 200 ms with jitter in [d/2, d]
            assertThat(timer.waits).hasSize(3);
            assertThat(timer.waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(timer.waits.get(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
    }

    @Test
    void noRetryWhoseWaitWouldEndAfterMaxDuration() {
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = client(ojs.url(), ClientSettings.builder().retryMaxDuration(Duration.ofSeconds(5)))) {
            ojs.on("/ojs/v1/queues", Behaviour.serviceUnavailable(Duration.ofSeconds(10)));
            assertThatThrownBy(client::queues).isInstanceOfSatisfying(OjsUnavailableException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(10)));
            assertThat(ojs.count("/ojs/v1/queues")).isEqualTo(1);
            assertThat(timer.waits).isEmpty();
        }
    }

    @Test
    void onlyTheListedFailuresAreRetriedAndRetriesCanBeSwitchedOff() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on("/ojs/v1/queues", 1, Behaviour.serverError());
            assertThatThrownBy(client::queues).as("500 is not retried").isInstanceOf(OjsUnavailableException.class);
            assertThat(ojs.count("/ojs/v1/queues")).isEqualTo(1);
            ojs.on("/ojs/v1/queues", 1, Behaviour.json(502, "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"x\"}}"));
            assertThat(client.queues()).as("502 on a read is").isNotNull();
            assertThat(ojs.count("/ojs/v1/queues")).isEqualTo(3);
        }
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = client(ojs.url(), ClientSettings.builder().retryEnabled(false))) {
            ojs.on(JOBS, 1, Behaviour.serviceUnavailable(Duration.ZERO));
            int waits = timer.waits.size();
            assertThatThrownBy(() -> client.enqueue("t.off", null)).isInstanceOf(OjsUnavailableException.class);
            assertThat(ojs.count(JOBS)).isEqualTo(1);
            assertThat(timer.waits).hasSize(waits);
        }
    }

    @Test
    void callsASecondTryCouldDoTwiceAreRetriedOnlyWhenTheServerDidNotDoTheFirst() throws Exception {
        WorkflowDefinition chain = WorkflowDefinition.chain("c", JobSpec.of("t.w", null));
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on("/ojs/v1/workflows", 1, Behaviour.resetConnection());
            assertThatThrownBy(() -> client.createWorkflow(chain)).as("reset: maybe done").isInstanceOf(OjsTransportException.class);
            assertThat(ojs.count("/ojs/v1/workflows")).isEqualTo(1);
            ojs.on("/ojs/v1/workflows", 1, Behaviour.json(504, "{\"error\":{\"code\":\"gateway_timeout\",\"message\":\"x\"}}"));
            assertThatThrownBy(() -> client.createWorkflow(chain)).as("504: maybe done").isInstanceOf(OjsUnavailableException.class);
            assertThat(ojs.count("/ojs/v1/workflows")).isEqualTo(2);
            ojs.on("/ojs/v1/workflows", 1, Behaviour.serviceUnavailable(Duration.ZERO));
            assertThat(client.createWorkflow(chain).id()).as("503: not done").isNotBlank();
            assertThat(ojs.count("/ojs/v1/workflows")).isEqualTo(4);
        }
        // connection refused: not done either. The server starts on that port during the client's wait.
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AtomicReference<EmbeddedOjsServer> late = new AtomicReference<>();
        timer.beforeNextTry = () -> {
            if (late.get() == null) {
                late.set(EmbeddedOjsServer.builder().port(port).start());
            }
        };
        try (OjsClient client = client(java.net.URI.create("http://127.0.0.1:" + port))) {
            WorkflowStatus created = client.createWorkflow(chain);
            assertThat(created.id()).isNotBlank();
        } finally {
            if (late.get() != null) {
                late.get().stop();
            }
        }
    }

    @Test
    void asyncCallsHoldNoThreadWhileWaitingForTheNextTry() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = DefaultOjsClient.withTimer(ClientSettings.builder().url(ojs.url()).build(), List.of(),
                     single, timer)) {
            timer.holdAsync = true;
            ojs.on(JOBS, 1, Behaviour.serviceUnavailable(Duration.ofSeconds(1)));
            CompletableFuture<Job> job = client.enqueueAsync("t.async", null).toCompletableFuture();
            Wait.until("the retry to wait", () -> !timer.held.isEmpty());
            // the executor's only thread is free while the call waits
            assertThat(CompletableFuture.supplyAsync(() -> "free", single).get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("free");
            assertThat(job).isNotDone();
            assertThat(timer.waits).singleElement().satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            timer.held.remove(0).run();
            assertThat(job.get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS).type()).isEqualTo("t.async");
            assertThat(ojs.count(JOBS)).isEqualTo(2);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void eachTryIsObservedOnItsOwnAndMetaAnObserverAddedIsNotCarriedOver() {
        List<String> seen = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        org.openjobspec.ee.internal.spi.EnqueueObserver observer = (operation, workflow, jobs) -> {
            int n = tries.incrementAndGet();
            seen.add("sending try " + n + " had observed=" + jobs.get(0).meta().containsKey("observed"));
            jobs.forEach(j -> j.putMeta("observed", "try " + n));
            return new org.openjobspec.ee.internal.spi.EnqueueObserver.Sending() {
                @Override
                public void sent(List<Job> created, String workflowId) {
                    seen.add("sent");
                }

                @Override
                public void failed(Throwable failure) {
                    seen.add("failed " + failure.getClass().getSimpleName());
                }
            };
        };
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = DefaultOjsClient.withTimer(ClientSettings.builder().url(ojs.url()).build(),
                     List.of(observer), executor, timer)) {
            ojs.on(JOBS, 1, Behaviour.serviceUnavailable(Duration.ZERO));
            Job job = client.enqueue("t.observed", null, EnqueueOptions.defaults().meta("kept", "yes"));
            assertThat(seen).containsExactly("sending try 1 had observed=false", "failed OjsUnavailableException",
                    "sending try 2 had observed=false", "sent");
            Job stored = client.getJob(job.id());
            assertThat(stored.meta().getString("observed")).isEqualTo("try 2");
            assertThat(stored.meta().getString("kept")).isEqualTo("yes");
        }
    }

    @Test
    void onWallTimeAsyncAndSyncRetriesComplete() throws Exception {
        try (HostileOjsServer ojs = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(ojs.url()).executor(executor)
                     .retryInitialBackoff(Duration.ofMillis(10)).retryMaxBackoff(Duration.ofMillis(50)).build()) {
            ojs.on(JOBS, 2, Behaviour.tooManyRequests(Duration.ZERO));
            Job async = client.enqueueAsync("t.wall", null).toCompletableFuture().get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.getJob(async.id()).id()).isEqualTo(async.id());
            ojs.on(JOBS, 2, Behaviour.tooManyRequests(Duration.ZERO));
            assertThat(client.enqueue("t.wall", null).id()).isNotBlank();
            assertThat(ojs.count(JOBS)).isEqualTo(6);
        }
    }

    @Test
    void asyncEnqueueGivesUpWithTheLastFailure() {
        try (HostileOjsServer ojs = HostileOjsServer.start(); OjsClient client = client(ojs.url())) {
            ojs.on(JOBS, Behaviour.serviceUnavailable(Duration.ZERO));
            CompletableFuture<Job> job = client.enqueueAsync("t.async", null).toCompletableFuture();
            assertThatThrownBy(() -> job.get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OjsUnavailableException.class);
            assertThat(ojs.count(JOBS)).isEqualTo(3);
        }
    }
}
