package org.openjobspec.ee.jta.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.jta.OutboxEntry;
import org.openjobspec.ee.jta.testkit.CountingClient;
import org.openjobspec.ee.jta.testkit.OutboxDatabase;
import org.openjobspec.ee.rest.Uuid7;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;
import org.openjobspec.ee.testing.OjsState;

/** The relay on a real database (one subclass per database) against a real OJS server over HTTP. */
abstract class OutboxRelayTest {

    static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final String BATCH = "/ojs/v1/jobs/batch";
    static final String SINGLE = "/ojs/v1/jobs";

    static OutboxDatabase db;

    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private ExecutorService threads;
    OutboxStore store;

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void table() {
        store = db.newStore();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws Exception {
        relays.forEach(r -> r.stop(Duration.ofSeconds(10)));
        threads.shutdownNow();
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    @Test
    void sendsRowsInInsertionOrderInBatches() throws Exception {
        HostileOjsServer ojs = hostile();
        List<JobSpec> jobs = jobs(250);
        store.insert(jobs);

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(ojs.count(BATCH)).isEqualTo(3);
        assertThat(ojs.count(SINGLE)).isZero();
        assertThat(idsSent(ojs)).containsExactlyElementsOf(ids(jobs));
        assertThat(ojs.server().state().jobCount()).isEqualTo(250);
        assertThat(store.count("sent")).as("retention zero deletes sent rows").isZero();
    }

    @Test
    void aServerFailingMidClaimKeepsWhatItTookAndTheRowsBehindInOrder() throws Exception {
        HostileOjsServer ojs = hostile();
        // the exact rule serves the first batch; every later one falls to the prefix rule
        ojs.on(BATCH, 1, Behaviour.healthy());
        ojs.on(BATCH + "*", Behaviour.serviceUnavailable(Duration.ofMillis(100)));
        List<JobSpec> jobs = jobs(250);
        store.insert(jobs);

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 150);
        assertThat(ojs.server().state().jobCount()).as("the first batch of the claim").isEqualTo(100);
        assertThat(ojs.count(BATCH)).as("the claim went on to its second batch").isGreaterThanOrEqualTo(2);

        ojs.heal();
        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(ojs.server().state().jobCount()).isEqualTo(250);
        List<String> sent = idsSent(ojs);
        assertThat(sent.subList(sent.size() - 150, sent.size())).as("the rows behind, in insertion order")
                .containsExactlyElementsOf(ids(jobs).subList(100, 250));
    }

    @Test
    void keepsEveryRowWhileTheServerIsDownAndSendsEachOnceWhenItIsBack() throws Exception {
        EmbeddedOjsServer first = EmbeddedOjsServer.start();
        int port = first.port();
        OjsState state = first.state();
        CountingClient counting = new CountingClient(client(first.url().toString()));
        store.insert(jobs(30));
        first.stop();

        start(counting.client, settings(10, Duration.ZERO));
        await().atMost(LONG).until(() -> counting.failures.get() >= 3);
        assertThat(store.count("pending")).as("no row lost while the server is down").isEqualTo(30);

        EmbeddedOjsServer back = EmbeddedOjsServer.builder().port(port).state(state).start();
        closeLater.add(back);
        List<JobSpec> more = jobs(5);
        store.insert(more);
        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(back.state().jobCount()).isEqualTo(35);
        assertThat(counting.jobsSent.get()).as("each row sent once after the outage").isEqualTo(35);
    }

    @Test
    void backsOffFor503And429HonouringRetryAfter() throws Exception {
        HostileOjsServer ojs = hostile();
        ojs.on(BATCH, 2, Behaviour.serviceUnavailable(Duration.ofSeconds(1)));
        store.insert(jobs(20));
        Instant started = Instant.now();

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(ojs.count(BATCH)).isEqualTo(3);
        assertThat(Duration.between(started, Instant.now())).as("two Retry-After: 1 waits")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(ojs.server().state().jobCount()).isEqualTo(20);

        ojs.on(BATCH, 1, Behaviour.tooManyRequests(Duration.ofSeconds(1)));
        store.insert(jobs(3));
        relays.get(0).wake();
        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(ojs.count(BATCH)).isEqualTo(5);
        assertThat(ojs.server().state().jobCount()).isEqualTo(23);
    }

    @Test
    void aRowAlreadyOnTheServerCountsAsSent() throws Exception {
        HostileOjsServer ojs = hostile();
        List<JobSpec> jobs = jobs(12);
        store.insert(jobs);
        // a relay that crashed after sending and before deleting: the server has the first 5 already
        try (OjsClient c = client(ojs)) {
            c.enqueueBatch(jobs.subList(0, 5));
        }

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(store.count("failed")).isZero();
        assertThat(ojs.count(BATCH)).as("the first send plus the relay's batch").isEqualTo(2);
        assertThat(ojs.count(SINGLE)).as("the refused batch is sent again row by row").isEqualTo(12);
        assertThat(ojs.server().state().jobCount()).isEqualTo(12);
    }

    @Test
    void aRejectedRowIsMarkedFailedAndDoesNotHoldUpTheRowsBehindIt() throws Exception {
        HostileOjsServer ojs = hostile();
        String invalid = "{\"error\":{\"code\":\"validation_error\",\"message\":\"queue 'x' is closed for good\","
                + "\"retryable\":false}}";
        ojs.on(BATCH, 1, Behaviour.json(422, invalid));
        ojs.on(SINGLE, 1, Behaviour.json(422, invalid));
        List<JobSpec> jobs = jobs(8);
        store.insert(jobs);

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 0);
        List<OutboxEntry> failed = store.list("failed", 10);
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.jobId()).isEqualTo(jobs.get(0).options().id());
            assertThat(f.error()).contains("closed for good");
        });
        assertThat(ojs.server().state().jobCount()).isEqualTo(7);

        assertThat(store.retryFailed(failed.get(0).jobId())).isEqualTo(1);
        relays.get(0).wake();
        await().atMost(LONG).until(() -> store.count("pending") == 0 && store.count("failed") == 0);
        assertThat(ojs.server().state().jobCount()).isEqualTo(8);
    }

    @Test
    void twoRelaysOnOneTableSendEveryRowExactlyOnce() throws Exception {
        HostileOjsServer ojs = hostile();
        List<JobSpec> jobs = insert(2_000);
        CountingClient a = new CountingClient(client(ojs));
        CountingClient b = new CountingClient(client(ojs));

        start(a.client, settings(100, Duration.ZERO));
        relays.add(new OutboxRelay(db.store(store.table()), b.client, settings(100, Duration.ZERO)));
        relays.get(1).start(threads);

        await().atMost(Duration.ofMinutes(3)).until(() -> store.count("pending") == 0);
        assertThat(ojs.server().state().jobCount()).isEqualTo(jobs.size());
        assertThat(ojs.count(SINGLE)).as("no duplicate, so no batch fell back to single sends").isZero();
        assertThat(a.jobsSent.get() + b.jobsSent.get()).isEqualTo(jobs.size());
        assertThat(a.failures.get() + b.failures.get()).isZero();
        assertThat(idsSent(ojs)).hasSize(jobs.size()).doesNotHaveDuplicates();
    }

    @Test
    void keepsSentRowsForTheRetentionPeriod() throws Exception {
        HostileOjsServer ojs = hostile();
        store.insert(jobs(4));

        start(client(ojs), settings(100, Duration.ofHours(1)));

        await().atMost(LONG).until(() -> store.count("sent") == 4);
        assertThat(store.count("pending")).isZero();
        assertThat(store.pruneSent(Instant.now().minus(Duration.ofMinutes(30)))).isZero();
        assertThat(store.pruneSent(Instant.now().plusSeconds(1))).isEqualTo(4);
    }

    @Test
    void stopsWithinTheGracePeriodAndLeavesUnsentRowsPending() throws Exception {
        HostileOjsServer ojs = hostile();
        store.insert(jobs(3));
        OutboxRelay relay = start(client(ojs), settings(100, Duration.ZERO));
        await().atMost(LONG).until(() -> store.count("pending") == 0);

        assertThat(relay.stop(Duration.ofSeconds(10))).isTrue();
        store.insert(jobs(2));
        relay.wake();
        // the stopped relay's loop has ended (stop returned true), so the rows wait for the next relay
        OutboxRelay other = new OutboxRelay(store, client(ojs), settings(100, Duration.ZERO));
        assertThat(other.relayOnce()).isEqualTo(2);
        assertThat(ojs.count(BATCH)).isEqualTo(2);
    }

    @Test
    void stopFinishesTheBatchInFlightWithinTheGracePeriodAndLeavesTheRestOfTheClaim() throws Exception {
        HostileOjsServer ojs = hostile();
        ojs.on(BATCH, 1, Behaviour.healthy().delayed(Duration.ofSeconds(1)));
        store.insert(jobs(25));
        OutboxRelay relay = start(client(ojs), settings(10, Duration.ZERO));
        await().atMost(LONG).until(() -> ojs.count(BATCH) == 1);

        assertThat(relay.stop(Duration.ofSeconds(30))).isTrue();

        assertThat(store.count("pending")).as("the batch in flight was committed as sent, the claim's other rows "
                + "were left").isEqualTo(15);
        assertThat(ojs.server().state().jobCount()).isEqualTo(10);
        assertThat(ojs.count(BATCH)).isEqualTo(1);
    }

    @Test
    void holdsNoExecutorThreadBetweenPasses() throws Exception {
        HostileOjsServer ojs = hostile();
        ExecutorService one = Executors.newSingleThreadExecutor();
        closeLater.add(one::shutdownNow);
        store.insert(jobs(2));
        OutboxRelay relay = new OutboxRelay(store, client(ojs),
                new OutboxRelay.Settings(100, Duration.ofHours(1), Duration.ofMillis(500), Duration.ZERO));
        relays.add(relay);
        relay.start(one);
        await().atMost(LONG).until(() -> store.count("pending") == 0);

        // the relay waits an hour for its next poll, yet the executor's only thread runs other work
        assertThat(one.submit(() -> "ran").get(LONG.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ran");
        store.insert(jobs(3));
        relay.wake();
        await().atMost(LONG).until(() -> store.count("pending") == 0);
        assertThat(ojs.server().state().jobCount()).isEqualTo(5);
        assertThat(relay.stop(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void optionsSurviveTheRow() throws Exception {
        HostileOjsServer ojs = hostile();
        JobSpec job = JobSpec.of("mail.send", JobArgs.of("a@example.org", 3, Map.of("k", "v")),
                EnqueueOptions.defaults().id(Uuid7.next()).queue("mail").priority(7).tags("x", "y")
                        .timeout(Duration.ofSeconds(9)).retry(RetryPolicy.attempts(4)
                                .initialInterval(Duration.ofSeconds(2)).onExhaustion(RetryPolicy.Exhaustion.DEAD_LETTER))
                        .meta("tenant", "acme"));
        store.insert(List.of(job));

        start(client(ojs), settings(100, Duration.ZERO));

        await().atMost(LONG).until(() -> store.count("pending") == 0);
        String sent = ojs.server().state().get(job.options().id()).toString();
        assertThat(sent).contains("\"queue\":\"mail\"", "\"priority\":7", "\"max_attempts\":4", "\"tenant\":\"acme\"",
                "\"args\":[\"a@example.org\",3,{\"k\":\"v\"}]", "\"timeout_ms\":9000");
    }

    // ---------------------------------------------------------------- helpers

    private OutboxRelay start(OjsClient client, OutboxRelay.Settings settings) {
        OutboxRelay relay = new OutboxRelay(store, client, settings);
        relays.add(relay);
        relay.start(threads);
        return relay;
    }

    private static OutboxRelay.Settings settings(int batch, Duration retention) {
        return new OutboxRelay.Settings(batch, Duration.ofMillis(100), Duration.ofMillis(500), retention);
    }

    HostileOjsServer hostile() {
        HostileOjsServer s = HostileOjsServer.start();
        closeLater.add(s);
        return s;
    }

    private OjsClient client(HostileOjsServer s) {
        return client(s.url().toString());
    }

    private OjsClient client(String url) {
        OjsClient c = OjsClient.builder().url(url).readTimeout(Duration.ofSeconds(10)).build();
        closeLater.add(0, c);
        return c;
    }

    List<JobSpec> insert(int n) throws java.sql.SQLException {
        List<JobSpec> jobs = jobs(n);
        for (int i = 0; i < n; i += 1000) {
            store.insert(jobs.subList(i, Math.min(n, i + 1000)));
        }
        return jobs;
    }

    private static List<JobSpec> jobs(int n) {
        List<JobSpec> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(JobSpec.of("order.ship", JobArgs.of(i), EnqueueOptions.defaults().id(Uuid7.next())));
        }
        return jobs;
    }

    private static List<String> ids(List<JobSpec> jobs) {
        return jobs.stream().map(j -> j.options().id()).toList();
    }

    static List<String> idsSent(HostileOjsServer ojs) {
        List<String> ids = new ArrayList<>();
        for (HostileOjsServer.Received r : ojs.received()) {
            if (r.method().equals("POST") && r.path().equals(BATCH)) {
                Matcher m = ID.matcher(r.body());
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

}
