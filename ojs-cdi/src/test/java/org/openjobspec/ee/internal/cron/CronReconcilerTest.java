package org.openjobspec.ee.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.model.CronJob;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.Wait;

/** The reconciliation on its own, over HTTP against the embedded server. */
@OjsServerTest(resetBetweenTests = true)
class CronReconcilerTest {

    @InjectOjsServer
    static EmbeddedOjsServer server;

    private static List<CronDefinition> wanted() {
        List<CronDefinition> wanted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            wanted.add(CronDefinition.of("entry-" + i, i + " 3 * * *",
                            JobSpec.of("report.part", Json.createArrayBuilder().add(i).add("eu").build(),
                                    EnqueueOptions.defaults().queue("reports")))
                    .timezone(ZoneId.of("Europe/Berlin")).overlap(CronDefinition.Overlap.SKIP));
        }
        return wanted;
    }

    @Test
    void manyInstancesReconcilingAtOnceLeaveEachEntryOnceAsDeclared() throws Exception {
        int instances = 6;
        List<OjsClient> clients = new ArrayList<>();
        List<ExecutorService> executors = new ArrayList<>();
        List<CronReconciler> reconcilers = new ArrayList<>();
        try (OjsClient admin = OjsClient.builder().url(server.url()).build()) {
            admin.registerCron(CronDefinition.of("entry-2", "@daily", JobSpec.of("report.part", null)));
            admin.registerCron(CronDefinition.of("not-ours", "@hourly", JobSpec.of("other.app", null)));
            for (int i = 0; i < instances; i++) {
                ExecutorService executor = Executors.newSingleThreadExecutor();
                executors.add(executor);
                OjsClient client = OjsClient.builder().url(server.url()).executor(executor).build();
                clients.add(client);
                reconcilers.add(new CronReconciler(client, wanted(), Set.of(), executor, Duration.ofMillis(50),
                        Duration.ofMillis(500)));
            }
            reconcilers.forEach(CronReconciler::start);
            CompletableFuture.allOf(reconcilers.stream().map(CronReconciler::done)
                    .toArray(CompletableFuture[]::new)).get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            for (CronReconciler r : reconcilers) {
                assertThat(r.done().join().refused()).isEmpty();
            }

            List<CronJob> all = admin.cronJobs();
            assertThat(all).extracting(CronJob::name).doesNotHaveDuplicates().hasSize(7);
            Map<String, CronJob> byName = all.stream().collect(Collectors.toMap(CronJob::name, Function.identity()));
            for (CronDefinition d : wanted()) {
                assertThat(CronReconciler.same(d, byName.get(d.name()))).as(d.name()).isTrue();
            }
            assertThat(byName.get("not-ours").effectiveExpression()).isEqualTo("@hourly");
        } finally {
            reconcilers.forEach(CronReconciler::stop);
            clients.forEach(OjsClient::close);
            executors.forEach(ExecutorService::shutdownNow);
        }
    }

    @Test
    void anEntryTheServerRefusesIsReportedAndTheOthersAreRegistered() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (OjsClient client = OjsClient.builder().url(server.url()).executor(executor).build()) {
            // well formed but never fires: left to the server, which refuses it
            CronDefinition never = CronDefinition.of("never", "0 0 31 2 *", JobSpec.of("report.part", null));
            CronReconciler r = new CronReconciler(client, List.of(never, wanted().get(0)), Set.of(), executor,
                    Duration.ofMillis(50), Duration.ofMillis(500));
            r.start();
            CronReconciler.Outcome outcome = r.done().get(Wait.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.refused()).containsExactly("never");
            assertThat(outcome.registered()).containsExactly("entry-0");
            assertThat(client.cronJobs()).extracting(CronJob::name).containsExactly("entry-0");
        } finally {
            executor.shutdownNow();
        }
    }
}
