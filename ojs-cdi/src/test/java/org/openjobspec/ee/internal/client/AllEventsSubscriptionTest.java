package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.internal.Messages.CLI_0002;
import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0010;
import static org.openjobspec.ee.internal.Messages.CLI_0055;
import static org.openjobspec.ee.internal.Messages.CLI_0056;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventFilter;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.JobEvent;
import org.openjobspec.ee.rest.OjsWorkerApi;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.OjsState;
import org.openjobspec.ee.testkit.Wait;

/** {@code OjsClient.subscribe}: every event of the server through event polling, against the embedded server. */
@Timeout(300)
class AllEventsSubscriptionTest {

    /** Short, so the tests do not wait; correctness never depends on it. */
    private static final EventFilter FAST = EventFilter.all().pollInterval(Duration.ofMillis(50));

    @Test
    void startsNowAndDeliversEveryLaterEventOnceInOrderAcrossPages() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            Job before = client.enqueue("t.before", null);
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            try (EventSubscription subscription = client.subscribe(FAST, events::add)) {
                // 250 jobs in one batch: more than one poll's page, and all there before the next poll
                List<JobSpec> specs = IntStream.range(0, 250).mapToObj(i -> JobSpec.of("t.many", i)).toList();
                Set<String> ids = client.enqueueBatch(specs).stream().map(Job::id).collect(Collectors.toSet());
                Wait.until("an enqueued event of each job", () -> enqueuedJobs(events), seen -> seen.containsAll(ids));
                assertThat(events).extracting(JobEvent::eventId).doesNotHaveDuplicates();
                assertThat(events).noneMatch(e -> before.id().equals(e.jobId()));
                assertThat(enqueuedJobs(events)).hasSize(250);
                JobEvent one = events.stream().filter(e -> "job.enqueued".equals(e.event())).findFirst().orElseThrow();
                assertThat(one.type()).isEqualTo("t.many");
                assertThat(one.queue()).isEqualTo("default");
                assertThat(one.to()).as("available or scheduled: the type does not say").isNull();
                assertThat(one.timestamp()).isNotNull();
                assertThat(one.data().getString("job_type")).isEqualTo("t.many");
                assertThat(subscription.isOpen()).isTrue();
            }
        }
    }

    @Test
    void followsAJobThroughItsLifeOnTheClientsExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "app-pool"));
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).executor(pool).build()) {
            OjsWorkerApi worker = ClientSettings.builder().url(server.url()).build().restClient(OjsWorkerApi.class);
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            try (EventSubscription ignored = client.subscribe(FAST, e -> {
                threads.add(Thread.currentThread().getName());
                events.add(e);
            })) {
                Job job = client.enqueue("t.life", null);
                Job fetched = Wait.until("the job to fetch", () -> worker.fetch(new FetchRequest(List.of("default"), 1,
                        "w", null)).jobs(), jobs -> !jobs.isEmpty()).get(0);
                worker.ack(new AckRequest(fetched.id(), null, "w"));
                Wait.until("the completed event", () -> events, e -> e.stream().anyMatch(JobEvent::isTerminal));
                assertThat(events).filteredOn(e -> job.id().equals(e.jobId())).extracting(JobEvent::event)
                        .containsExactly("job.enqueued", "job.started", "job.completed");
                assertThat(events).filteredOn(e -> job.id().equals(e.jobId())).extracting(JobEvent::to)
                        .containsExactly(null, "active", "completed");
                assertThat(threads).containsOnly("app-pool");
            } finally {
                ((Closeable) worker).close();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void filtersByEventTypeQueueAndJobType() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            BlockingQueue<JobEvent> mail = new LinkedBlockingQueue<>();
            BlockingQueue<JobEvent> reports = new LinkedBlockingQueue<>();
            try (EventSubscription a = client.subscribe(FAST.types("job.enqueued").queues("mail"), mail::add);
                 EventSubscription b = client.subscribe(FAST.jobTypes("t.report"), reports::add)) {
                Job skipped = client.enqueue("t.other", null, EnqueueOptions.defaults().queue("other"));
                client.cancel(skipped.id());
                Job wanted = client.enqueue("t.mail", null, EnqueueOptions.defaults().queue("mail"));
                Job report = client.enqueue("t.report", null, EnqueueOptions.defaults().queue("other"));
                // the server keeps its order: once the later job's event is here, the earlier ones had their chance
                JobEvent first = mail.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(first).isNotNull();
                assertThat(first.jobId()).isEqualTo(wanted.id());
                JobEvent firstReport = reports.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(firstReport).isNotNull();
                assertThat(firstReport.jobId()).isEqualTo(report.id());
                client.cancel(wanted.id());
                Job later = client.enqueue("t.mail", null, EnqueueOptions.defaults().queue("mail"));
                JobEvent second = mail.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(second).isNotNull();
                assertThat(second.jobId()).as("the cancel of the wanted job is not an enqueued event")
                        .isEqualTo(later.id());
            }
        }
    }

    @Test
    void resumesAfterAnEventWithoutGapOrRepeat() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            List<JobEvent> first = new CopyOnWriteArrayList<>();
            EventSubscription subscription = client.subscribe(FAST, first::add);
            Job a = client.enqueue("t.resume", "a");
            Wait.until("the first job's event", () -> first, e -> e.stream().anyMatch(x -> a.id().equals(x.jobId())));
            subscription.close();
            String last = first.get(first.size() - 1).eventId();
            Job b = client.enqueue("t.resume", "b");
            Job c = client.enqueue("t.resume", "c");
            List<JobEvent> resumed = new CopyOnWriteArrayList<>();
            try (EventSubscription ignored = client.subscribe(FAST.after(last), resumed::add)) {
                Wait.until("the later jobs' events", () -> resumed,
                        e -> e.stream().anyMatch(x -> c.id().equals(x.jobId())));
                assertThat(resumed).extracting(JobEvent::jobId).containsExactly(b.id(), c.id());
                assertThat(first).extracting(JobEvent::jobId).doesNotContain(b.id(), c.id());
            }
        }
    }

    @Test
    void goesOnAfterTheServerWasAwayWithoutRepeatingEvents() throws Exception {
        EmbeddedOjsServer first = EmbeddedOjsServer.start();
        int port = first.port();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<OjsException> errors = new LinkedBlockingQueue<>();
        try (OjsClient client = OjsClient.builder().url(first.url()).build()) {
            EventSubscription subscription = client.subscribe(FAST, events::add, errors::add);
            Job a = client.enqueue("t.away", "a");
            Wait.until("the first job's event", () -> events, e -> e.stream().anyMatch(x -> a.id().equals(x.jobId())));
            first.stop();
            assertThat(errors.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("failed poll reported")
                    .isNotNull();
            try (EmbeddedOjsServer second = EmbeddedOjsServer.builder().port(port).start()) {
                Job b = client.enqueue("t.away", "b");
                Wait.until("the job enqueued after the restart", () -> events,
                        e -> e.stream().anyMatch(x -> b.id().equals(x.jobId())));
                assertThat(subscription.isOpen()).isTrue();
                assertThat(events).extracting(JobEvent::jobId).containsExactly(a.id(), b.id());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aServerBackWithItsStateIsFollowedFromTheCursorWithoutRepeats() throws Exception {
        EmbeddedOjsServer first = EmbeddedOjsServer.start();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<OjsException> errors = new LinkedBlockingQueue<>();
        try (OjsClient client = OjsClient.builder().url(first.url()).build()) {
            client.subscribe(FAST, events::add, errors::add);
            Job a = client.enqueue("t.kept", "a");
            Wait.until("the first job's event", () -> events, e -> e.stream().anyMatch(x -> a.id().equals(x.jobId())));
            OjsState state = first.state();
            first.stop();
            assertThat(errors.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("failed poll reported")
                    .isNotNull();
            try (EmbeddedOjsServer second = EmbeddedOjsServer.builder().port(first.port()).state(state).start()) {
                Job b = client.enqueue("t.kept", "b");
                Wait.until("the job enqueued after the restart", () -> events,
                        e -> e.stream().anyMatch(x -> b.id().equals(x.jobId())));
                assertThat(events).extracting(JobEvent::jobId).as("the kept event of a is not delivered again")
                        .containsExactly(a.id(), b.id());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aServerWithoutTheEndpointIsReportedOnceAndEndsTheSubscription() throws Exception {
        try (HostileOjsServer server = HostileOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            server.on("/ojs/v1/events", HostileOjsServer.Behaviour.json(404,
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\",\"retryable\":false}}"));
            BlockingQueue<OjsException> errors = new LinkedBlockingQueue<>();
            EventSubscription subscription = client.subscribe(FAST, e -> { }, errors::add);
            OjsException error = errors.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(error).isNotNull();
            assertThat(error.code()).isEqualTo(CLI_0055.id());
            assertThat(error.getMessage()).contains("GET /ojs/v1/events").contains("404");
            Wait.until("the subscription to end", () -> !subscription.isOpen());
            // a later subscription tells the same: the first one's report was its only one
            BlockingQueue<OjsException> control = new LinkedBlockingQueue<>();
            client.subscribe(FAST, e -> { }, control::add);
            assertThat(control.poll(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void closeStopsDelivery() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            List<JobEvent> closedOne = new CopyOnWriteArrayList<>();
            EventSubscription subscription = client.subscribe(FAST, closedOne::add);
            subscription.close();
            assertThat(subscription.isOpen()).isFalse();
            List<JobEvent> control = new CopyOnWriteArrayList<>();
            try (EventSubscription open = client.subscribe(FAST, control::add)) {
                Job job = client.enqueue("t.closed", null);
                Wait.until("the open subscription's event", () -> control,
                        e -> e.stream().anyMatch(x -> job.id().equals(x.jobId())));
                assertThat(closedOne).isEmpty();
            }
        }
    }

    @Test
    void aListenerThatThrowsDoesNotEndTheSubscription() throws Exception {
        try (EmbeddedOjsServer server = EmbeddedOjsServer.start();
             OjsClient client = OjsClient.builder().url(server.url()).build()) {
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            try (EventSubscription ignored = client.subscribe(FAST.types("job.enqueued"), e -> {
                events.add(e);
                throw new IllegalStateException("listener bug");
            })) {
                Job a = client.enqueue("t.throws", "a");
                Job b = client.enqueue("t.throws", "b");
                Wait.until("both events", () -> events, e -> e.size() == 2);
                assertThat(events).extracting(JobEvent::jobId).containsExactly(a.id(), b.id());
            }
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        try (OjsClient client = OjsClient.builder().url("http://127.0.0.1:9").build()) {
            assertThatThrownBy(() -> client.subscribe(null)).isInstanceOfSatisfying(OjsValidationException.class,
                    e -> assertThat(e.code()).isEqualTo(CLI_0010.id()));
            assertThatThrownBy(() -> client.subscribe(EventFilter.all().types(" "), e -> { }))
                    .isInstanceOfSatisfying(OjsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(CLI_0056.id()));
            assertThatThrownBy(() -> client.subscribe(EventFilter.all().queues("Bad Queue"), e -> { }))
                    .isInstanceOfSatisfying(OjsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(CLI_0002.id()));
            assertThatThrownBy(() -> client.subscribe(EventFilter.all().pollInterval(Duration.ZERO), e -> { }))
                    .isInstanceOfSatisfying(OjsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(CLI_0006.id()));
        }
    }

    private static Set<String> enqueuedJobs(List<JobEvent> events) {
        return events.stream().filter(e -> "job.enqueued".equals(e.event())).map(JobEvent::jobId)
                .collect(Collectors.toSet());
    }
}
