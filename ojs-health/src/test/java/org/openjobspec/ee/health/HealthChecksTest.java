package org.openjobspec.ee.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.annotation.Annotation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.health.testkit.Handlers;
import org.openjobspec.ee.health.testkit.HealthApp;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;

import static org.openjobspec.ee.health.internal.Messages.CFG_0250;
import static org.openjobspec.ee.health.internal.Messages.CFG_0251;
import static org.openjobspec.ee.health.internal.Messages.CFG_0252;
import static org.openjobspec.ee.health.internal.Messages.CFG_0253;

/**
 * The checks as an MP Health implementation finds them (CDI beans with the MP Health qualifiers), in Weld SE with
 * the real extensions, the worker talking real HTTP to the embedded server on 127.0.0.1.
 */
class HealthChecksTest {

    private EmbeddedOjsServer server;
    private OjsClient client;

    @BeforeEach
    void start() {
        Handlers.reset();
        server = EmbeddedOjsServer.start();
        HealthApp.fastConfig(server.url());
        client = OjsClient.builder().url(server.url()).build();
    }

    @AfterEach
    void stop() {
        Handlers.release.countDown();
        client.close();
        server.stop();
        TestConfig.clear();
    }

    @Test
    void aRunningWorkerIsReadyLiveAndStartedAndSaysWhoItIs() {
        TestConfig.set("ojs.worker.id", "health-worker");
        TestConfig.set("ojs.worker.concurrency", "3");
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            String id = client.enqueue("health.echo", "hi").id();
            awaitJob(id, "completed");
            // the server has the ack before the worker frees the job's slot
            await("slot freed").atMost(HealthApp.PATIENCE).pollInterval(Duration.ofMillis(20)).until(() ->
                    check(app, Readiness.Literal.INSTANCE).getData().orElseThrow().get("jobs-in-flight")
                            .equals(0L));

            for (Annotation kind : new Annotation[] {Readiness.Literal.INSTANCE, Liveness.Literal.INSTANCE,
                    Startup.Literal.INSTANCE}) {
                HealthCheckResponse r = check(app, kind);
                assertThat(r.getName()).isEqualTo("ojs-worker");
                assertThat(r.getStatus()).as(kind.annotationType().getSimpleName()).isEqualTo(Status.UP);
                Map<String, Object> data = r.getData().orElseThrow();
                assertThat(data).containsEntry("worker", "health-worker").containsEntry("state", "running")
                        .containsEntry("jobs-in-flight", 0L).containsEntry("concurrency", 3L)
                        .containsKey("last-server-contact").doesNotContainKey("reason");
                Instant contact = Instant.parse((String) data.get("last-server-contact"));
                assertThat(contact).isBetween(Instant.now().minusSeconds(60), Instant.now());
            }
            assertThat(check(app, Liveness.Literal.INSTANCE).getData().orElseThrow())
                    .containsKey("since-loop-progress");
        }
    }

    @Test
    void readinessIsDownWhileTheServerSaysQuietAndUpOnceItNoLongerDoes() {
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            // the embedded server tells a worker to be quiet while it holds a job carrying this test directive
            String quiet = client.enqueue("health.hold", null,
                    EnqueueOptions.defaults().meta("test_directive", "quiet")).id();
            awaitReadiness(app, Status.DOWN);
            HealthCheckResponse down = check(app, Readiness.Literal.INSTANCE);
            assertThat(down.getData().orElseThrow()).containsEntry("state", "quiet")
                    .containsEntry("jobs-in-flight", 1L).containsKey("reason");
            assertThat(check(app, Liveness.Literal.INSTANCE).getStatus()).isEqualTo(Status.UP);

            Handlers.release.countDown();
            awaitJob(quiet, "completed");
            awaitReadiness(app, Status.UP);
            assertThat(check(app, Readiness.Literal.INSTANCE).getData().orElseThrow())
                    .containsEntry("state", "running");
        }
    }

    @Test
    void readinessIsDownWhileTheWorkerDrainsAfterATerminateDirective() throws Exception {
        TestConfig.set("ojs.worker.id", "worker-to-terminate");
        TestConfig.set("ojs.worker.grace-period", "PT60S"); // the held job keeps the worker draining
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            client.enqueue("health.hold", null);
            assertThat(Handlers.started.await(HealthApp.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            terminate("worker-to-terminate");
            awaitReadiness(app, Status.DOWN);
            assertThat(check(app, Readiness.Literal.INSTANCE).getData().orElseThrow())
                    .containsEntry("state", "draining").containsEntry("jobs-in-flight", 1L);
            assertThat(check(app, Liveness.Literal.INSTANCE).getStatus()).isEqualTo(Status.UP);

            Handlers.release.countDown();
            await("stopped").atMost(HealthApp.PATIENCE).pollInterval(Duration.ofMillis(20)).until(() ->
                    "stopped".equals(check(app, Readiness.Literal.INSTANCE).getData().orElseThrow().get("state")));
            assertThat(check(app, Readiness.Literal.INSTANCE).getStatus()).isEqualTo(Status.DOWN);
            assertThat(check(app, Liveness.Literal.INSTANCE).getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void readinessIsDownWhileTheServerIsAwayLongerThanAllowedAndUpWhenItIsBack() {
        TestConfig.set("ojs.health.unreachable-after", "1s");
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            assertThat(check(app, Readiness.Literal.INSTANCE).getStatus()).isEqualTo(Status.UP);
            int port = server.port();
            OjsState state = server.state();
            server.stop();

            awaitReadiness(app, Status.DOWN);
            assertThat((String) check(app, Readiness.Literal.INSTANCE).getData().orElseThrow().get("reason"))
                    .startsWith("no answer from the OJS server for");
            assertThat(check(app, Liveness.Literal.INSTANCE).getStatus()).isEqualTo(Status.UP); // it keeps trying

            server = EmbeddedOjsServer.builder().port(port).state(state).start();
            awaitReadiness(app, Status.UP);
        }
    }

    @Test
    void anApplicationWithoutHandlersHasNoWorkerAndIsHealthy() {
        try (WeldContainer app = HealthApp.boot()) {
            for (Annotation kind : new Annotation[] {Readiness.Literal.INSTANCE, Liveness.Literal.INSTANCE,
                    Startup.Literal.INSTANCE}) {
                HealthCheckResponse r = check(app, kind);
                assertThat(r.getStatus()).isEqualTo(Status.UP);
                assertThat(r.getData().orElseThrow()).isEqualTo(Map.of("worker", "none"));
            }
        }
    }

    @Test
    void aDisabledWorkerIsNoWorker() {
        TestConfig.set("ojs.worker.enabled", "false");
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            assertThat(check(app, Readiness.Literal.INSTANCE).getData().orElseThrow())
                    .isEqualTo(Map.of("worker", "none"));
        }
    }

    @Test
    void disabledChecksAreNoBeansAtAll() {
        TestConfig.set("ojs.health.enabled", "false");
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            assertThat(app.select(HealthCheck.class, Any.Literal.INSTANCE).isUnsatisfied()).isTrue();
            String id = client.enqueue("health.echo", "still works").id();
            awaitJob(id, "completed");
        }
    }

    @Test
    void theChecksAreTheOnlyHealthChecksAndEachIsOneBean() {
        try (WeldContainer app = HealthApp.boot(Handlers.class)) {
            assertThat(app.select(HealthCheck.class, Any.Literal.INSTANCE).stream().count()).isEqualTo(3);
            for (Annotation kind : new Annotation[] {Readiness.Literal.INSTANCE, Liveness.Literal.INSTANCE,
                    Startup.Literal.INSTANCE}) {
                assertThat(app.select(HealthCheck.class, kind).isResolvable()).isTrue();
            }
        }
    }

    @Test
    void everyHealthConfigurationProblemFailsTheDeploymentAtOnce() {
        TestConfig.set("ojs.health.enabled", "yes");
        TestConfig.set("ojs.health.unreachable-after", "0s");
        TestConfig.set("ojs.health.stall-after", "five minutes");
        TestConfig.set("ojs.health.stal-after", "PT5M");
        assertThatThrownBy(() -> HealthApp.boot(Handlers.class).close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(CFG_0250 + ": ojs.health.enabled='yes'")
                .hasMessageContaining(CFG_0251 + ": ojs.health.unreachable-after='0s'")
                .hasMessageContaining(CFG_0252 + ": ojs.health.stall-after='five minutes'")
                .hasMessageContaining(CFG_0253 + ": unknown key 'ojs.health.stal-after'");
    }

    /** The embedded server's admin call that makes the worker's next heartbeat answer {@code terminate}. */
    private void terminate(String workerId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.url().resolve("/ojs/v1/admin/workers/" + workerId + "/terminate"))
                .header("Content-Type", "application/openjobspec+json").header("OJS-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HealthCheckResponse check(WeldContainer app, Annotation kind) {
        return app.select(HealthCheck.class, kind).get().call();
    }

    private static void awaitReadiness(WeldContainer app, Status status) {
        await("readiness " + status).atMost(HealthApp.PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> check(app, Readiness.Literal.INSTANCE).getStatus() == status);
    }

    private void awaitJob(String id, String state) {
        await("job " + id + " " + state).atMost(HealthApp.PATIENCE.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(20)).until(() -> state.equals(client.getJob(id).state()));
    }
}
