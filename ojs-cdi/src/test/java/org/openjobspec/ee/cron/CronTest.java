package org.openjobspec.ee.cron;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.internal.Messages;
import org.openjobspec.ee.internal.cdi.CronLifecycle;
import org.openjobspec.ee.internal.cron.CronReconciler;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.LogCapture;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testkit.Wait;

/** @Cron in Weld SE with the real extension against the embedded server over HTTP: registered, reconciled, fired. */
@OjsServerTest(resetBetweenTests = true)
class CronTest {

    @InjectOjsServer
    static EmbeddedOjsServer server;

    static final List<String> RUNS = new CopyOnWriteArrayList<>();

    public record Region(String code, int shard) {
    }

    @ApplicationScoped
    public static class Reports {
        @JobHandler("report.tick")
        @Cron(name = "tick-report", value = "@every 1s", queue = "reports",
                args = "[{\"code\":\"eu\",\"shard\":7}, \"full\"]", overlap = CronDefinition.Overlap.SKIP)
        public void tick(Region region, String mode, JobContext ctx) {
            RUNS.add(region.code() + region.shard() + "/" + mode + "@" + ctx.queue());
        }
    }

    private OjsClient client;

    @BeforeEach
    void setUp() {
        RUNS.clear();
        Ojs.fastConfig(server);
        TestConfig.set("ojs.worker.queues", "default,reports");
        client = OjsClient.builder().url(server.url()).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private Map<String, CronJob> crons() {
        return client.cronJobs().stream().collect(Collectors.toMap(CronJob::name, Function.identity()));
    }

    private static CronReconciler.Outcome reconciled(WeldContainer c) throws Exception {
        return c.select(CronLifecycle.class).get().reconciled().get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void theEntryIsRegisteredFiresAndTheHandlerRuns() throws Exception {
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            assertThat(reconciled(c).registered()).containsExactly("tick-report");
            CronJob entry = crons().get("tick-report");
            assertThat(entry.effectiveExpression()).isEqualTo("@every 1s");
            assertThat(entry.timezone()).isEqualTo("UTC");
            assertThat(entry.overlapPolicy()).isEqualTo("skip");
            assertThat(entry.effectiveJobType()).isEqualTo("report.tick");
            assertThat(entry.jobTemplate().options().queue()).isEqualTo("reports");
            Wait.until("the cron's job ran", () -> !RUNS.isEmpty());
            assertThat(RUNS.get(0)).isEqualTo("eu7/full@reports");
        }
    }

    @Test
    void configurationOverridesTheScheduleAndTheZone() throws Exception {
        TestConfig.set("ojs.cron.\"tick-report\".expression", "*/5 9-17 * * MON-FRI");
        TestConfig.set("ojs.cron.\"tick-report\".timezone", "Europe/Berlin");
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            assertThat(reconciled(c).registered()).containsExactly("tick-report");
            CronJob entry = crons().get("tick-report");
            assertThat(entry.effectiveExpression()).isEqualTo("*/5 9-17 * * MON-FRI");
            assertThat(entry.timezone()).isEqualTo("Europe/Berlin");
        }
    }

    @Test
    void aChangedEntryIsUpdatedAndOtherEntriesAreLeftAlone() throws Exception {
        client.registerCron(CronDefinition.of("tick-report", "@daily", JobSpec.of("report.tick", null)));
        client.registerCron(CronDefinition.of("someone-else", "0 4 * * *", JobSpec.of("other.app", null))
                .timezone(ZoneId.of("Asia/Tokyo")));
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            CronReconciler.Outcome outcome = reconciled(c);
            assertThat(outcome.updated()).containsExactly("tick-report");
            assertThat(outcome.registered()).isEmpty();
            Map<String, CronJob> crons = crons();
            assertThat(crons.get("tick-report").effectiveExpression()).isEqualTo("@every 1s");
            assertThat(crons.get("someone-else").effectiveExpression()).isEqualTo("0 4 * * *");
            assertThat(crons.get("someone-else").timezone()).isEqualTo("Asia/Tokyo");
            assertThat(crons).hasSize(2);
        }
    }

    @Test
    void anUnchangedEntryIsNotRegisteredAgain() throws Exception {
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            assertThat(reconciled(c).registered()).containsExactly("tick-report");
        }
        var created = crons().get("tick-report").createdAt();
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            CronReconciler.Outcome outcome = reconciled(c);
            assertThat(outcome.unchanged()).containsExactly("tick-report");
            assertThat(outcome.registered()).isEmpty();
            assertThat(outcome.updated()).isEmpty();
        }
        assertThat(crons().get("tick-report").createdAt()).isEqualTo(created);
    }

    @Test
    void aDisabledEntryIsNotRegisteredAndRemovedIfThere() throws Exception {
        client.registerCron(CronDefinition.of("tick-report", "@every 1s", JobSpec.of("report.tick", null)));
        TestConfig.set("ojs.cron.\"tick-report\".enabled", "false");
        try (WeldContainer c = Ojs.boot(Reports.class)) {
            CronReconciler.Outcome outcome = reconciled(c);
            assertThat(outcome.removed()).containsExactly("tick-report");
            assertThat(outcome.registered()).isEmpty();
            assertThat(crons()).isEmpty();
        }
    }

    @Test
    void aServerDownAtStartupGetsTheEntryWhenItIsBack() throws Exception {
        EmbeddedOjsServer later = EmbeddedOjsServer.start();
        int port = later.port();
        later.stop();
        Ojs.fastConfig(later.url());
        TestConfig.set("ojs.worker.queues", "default,reports");
        try (LogCapture log = LogCapture.of(CronReconciler.class.getName(), Level.WARNING);
             WeldContainer c = Ojs.boot(Reports.class)) {
            assertThat(c.isRunning()).as("the deployment does not wait for the server").isTrue();
            Wait.until("a failed attempt was logged",
                    () -> log.messages().stream().anyMatch(m -> m.startsWith(Messages.WRK_0050.id())));
            try (EmbeddedOjsServer back = EmbeddedOjsServer.builder().port(port).start();
                 OjsClient backClient = OjsClient.builder().url(back.url()).build()) {
                assertThat(reconciled(c).registered()).containsExactly("tick-report");
                assertThat(backClient.cronJobs()).extracting(CronJob::name).containsExactly("tick-report");
                Wait.until("the cron's job ran", () -> !RUNS.isEmpty());
            }
        }
    }

    @Test
    void withoutCronsNothingIsReconciled() throws Exception {
        try (WeldContainer c = Ojs.boot()) {
            assertThat(c.select(CronLifecycle.class).get().reconciled().get(1, TimeUnit.SECONDS)).isNull();
        }
    }
}
