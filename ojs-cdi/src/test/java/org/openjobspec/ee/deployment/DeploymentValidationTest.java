package org.openjobspec.ee.deployment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.TestConfig;

/** Every deployment problem fails deployment with its message id, the Class#method concerned and the fix. */
class DeploymentValidationTest {

    static EmbeddedOjsServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedOjsServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void config() {
        Ojs.fastConfig(server);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> deploying(Class<?>... beans) {
        return assertThatThrownBy(() -> Ojs.boot(beans).close())
                .isInstanceOf(jakarta.enterprise.inject.spi.DeploymentException.class);
    }

    @Test
    void staticMethod() {
        deploying(Handlers.StaticHandler.class).hasMessageContaining("OJS-CDI-0001: @JobHandler on 'Handlers.StaticHandler#run': the method is static");
    }

    @Test
    void privateMethod() {
        deploying(Handlers.PrivateHandler.class).hasMessageContaining("OJS-CDI-0001: @JobHandler on 'Handlers.PrivateHandler#run': the method is private");
    }

    @Test
    void duplicateJobType() {
        deploying(Handlers.DuplicateA.class, Handlers.DuplicateB.class).hasMessageContaining("OJS-CDI-0002").hasMessageContaining("'report.build' is already handled by");
    }

    @Test
    void jobTypeNotMatchingPattern() {
        deploying(Handlers.BadType.class).hasMessageContaining("OJS-CDI-0003: @JobHandler on 'Handlers.BadType#send': job type 'Email' must match ^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");
    }

    @Test
    void twoJobContexts() {
        deploying(Handlers.TwoContexts.class).hasMessageContaining("OJS-CDI-0004: @JobHandler on 'Handlers.TwoContexts#run'");
    }

    @Test
    void interfaceParameter() {
        deploying(Handlers.Unbindable.class).hasMessageContaining("OJS-CDI-0005: @JobHandler on 'Handlers.Unbindable#run': parameter 1 of type java.lang.Runnable");
    }

    @Test
    void wildcardParameter() {
        deploying(Handlers.Wildcard.class).hasMessageContaining("OJS-CDI-0005: @JobHandler on 'Handlers.Wildcard#run'").hasMessageContaining("wildcard");
    }

    @Test
    void notABean() {
        deploying(Handlers.NotABean.class).hasMessageContaining("OJS-CDI-0006: @JobHandler on 'Handlers.NotABean#run'");
    }

    @Test
    void finalBeanClass() {
        deploying(Handlers.FinalBean.class).hasMessageContaining("OJS-CDI-0007: @JobHandler on 'Handlers.FinalBean#run'");
    }

    @Test
    void futureReturnType() {
        deploying(Handlers.FutureReturn.class).hasMessageContaining("OJS-CDI-0008: @JobHandler on 'Handlers.FutureReturn#run'");
    }

    @Test
    void genericMethod() {
        deploying(Handlers.GenericMethod.class).hasMessageContaining("OJS-CDI-0009: @JobHandler on 'Handlers.GenericMethod#run'");
    }

    @Test
    void allProblemsAreReportedTogether() {
        TestConfig.set("ojs.worker.concurrency", "0");
        deploying(Handlers.BadType.class, Handlers.TwoContexts.class, Handlers.DuplicateA.class, Handlers.DuplicateB.class)
                .hasMessageContaining("OJS found 4 deployment problems")
                .hasMessageContaining("OJS-CDI-0003").hasMessageContaining("OJS-CDI-0004")
                .hasMessageContaining("OJS-CDI-0002").hasMessageContaining("OJS-CFG-0052");
    }

    @Test
    void validHandlerDeploys() {
        try (WeldContainer c = Ojs.boot(Handlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        }
    }

    @Test
    void clientConfigurationProblemsJoinTheSameFailure() {
        TestConfig.set("ojs.url", "not a url");
        TestConfig.set("ojs.worker.concurrency", "-1");
        deploying(Handlers.Fine.class).hasMessageContaining("OJS-CFG-0052").hasMessageContaining("ojs.url")
                .hasMessageContaining("OJS-CFG-00");
    }

    // ---- worker configuration, OJS-CFG-0050..0099

    private static void invalidConfig(String key, String value, String id) {
        TestConfig.set(key, value);
        deploying(Handlers.Fine.class).hasMessageContaining(id + ": ").hasMessageContaining(key);
    }

    @Test
    void enabledNotBoolean() {
        invalidConfig("ojs.worker.enabled", "maybe", "OJS-CFG-0050");
    }

    @Test
    void badQueueName() {
        invalidConfig("ojs.worker.queues", "default,Bad Queue", "OJS-CFG-0051");
    }

    @Test
    void concurrencyOutOfRange() {
        invalidConfig("ojs.worker.concurrency", "0", "OJS-CFG-0052");
    }

    @Test
    void pollIntervalNotADuration() {
        invalidConfig("ojs.worker.poll-interval", "soon", "OJS-CFG-0053");
    }

    @Test
    void heartbeatIntervalNegative() {
        invalidConfig("ojs.worker.heartbeat-interval", "-PT1S", "OJS-CFG-0054");
    }

    @Test
    void gracePeriodNotADuration() {
        invalidConfig("ojs.worker.grace-period", "25 seconds", "OJS-CFG-0055");
    }

    @Test
    void visibilityTimeoutZero() {
        invalidConfig("ojs.worker.visibility-timeout", "PT0S", "OJS-CFG-0056");
    }

    @Test
    void heartbeatTooSlowForLease() {
        TestConfig.set("ojs.worker.visibility-timeout", "PT6S");
        invalidConfig("ojs.worker.heartbeat-interval", "PT5S", "OJS-CFG-0057");
    }

    @Test
    void workerIdWithSpaces() {
        invalidConfig("ojs.worker.id", "my worker", "OJS-CFG-0058");
    }

    @Test
    void labelsNotPairs() {
        invalidConfig("ojs.worker.labels", "region", "OJS-CFG-0059");
    }

    @Test
    void executorBlank() {
        invalidConfig("ojs.worker.executor", "   ", "OJS-CFG-0060");
    }

    @Test
    void backoffMaxNotADuration() {
        invalidConfig("ojs.worker.backoff-max", "PT", "OJS-CFG-0061");
    }

    @Test
    void handlerConcurrencyAboveWorkers() {
        invalidConfig("ojs.handler.\"email.send\".concurrency", "99", "OJS-CFG-0062");
    }

    @Test
    void handlerTimeoutNotADuration() {
        invalidConfig("ojs.handler.\"email.send\".timeout", "long", "OJS-CFG-0063");
    }

    @Test
    void handlerKeyForUnknownJobType() {
        invalidConfig("ojs.handler.\"email.sned\".timeout", "PT5S", "OJS-CFG-0064");
    }

    @Test
    void unknownWorkerKey() {
        invalidConfig("ojs.worker.concurency", "5", "OJS-CFG-0065");
    }

    @Test
    void wakeOnEventsNotABoolean() {
        invalidConfig("ojs.worker.wake-on-events", "sometimes", "OJS-CFG-0067");
    }

    // ---- unknown client keys, OJS-CFG-0013

    @Test
    void unknownClientKey() {
        invalidConfig("ojs.read-timout", "5s", "OJS-CFG-0013");
    }

    @Test
    void unknownTlsKey() {
        invalidConfig("ojs.tls.truststore", "/etc/ojs/trust.p12", "OJS-CFG-0013");
    }

    @Test
    void unknownClientKeyFailsAnApplicationWithoutHandlers() {
        TestConfig.set("ojs.auth_token", "t");
        assertThatThrownBy(() -> Ojs.boot().close()).isInstanceOf(jakarta.enterprise.inject.spi.DeploymentException.class)
                .hasMessageContaining("OJS-CFG-0013: unknown key 'ojs.auth_token'");
    }

    @Test
    void systemPropertiesAreNotChecked() {
        // what Maven passes on to tests from -Dojs.build.dir=...: the JVM's properties are not all the application's
        System.setProperty("ojs.example.dir", "target-x");
        try (WeldContainer c = Ojs.boot(Handlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        } finally {
            System.clearProperty("ojs.example.dir");
        }
    }

    @Test
    void keysOfOtherPartsAreNotReportedByTheClient() {
        TestConfig.set("ojs.headers.X-Tenant", "acme");
        TestConfig.set("ojs.worker.concurrency", "4");
        TestConfig.set("ojs.handler.\"email.send\".timeout", "PT5S");
        for (String part : new String[] {"outbox", "dashboard", "retry", "telemetry", "health"}) {
            TestConfig.set("ojs." + part + ".enabled", "true");
        }
        try (WeldContainer c = Ojs.boot(Handlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        }
    }
}
