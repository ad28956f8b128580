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

import static org.openjobspec.ee.internal.Messages.CDI_0001;
import static org.openjobspec.ee.internal.Messages.CDI_0002;
import static org.openjobspec.ee.internal.Messages.CDI_0003;
import static org.openjobspec.ee.internal.Messages.CDI_0004;
import static org.openjobspec.ee.internal.Messages.CDI_0005;
import static org.openjobspec.ee.internal.Messages.CDI_0006;
import static org.openjobspec.ee.internal.Messages.CDI_0007;
import static org.openjobspec.ee.internal.Messages.CDI_0008;
import static org.openjobspec.ee.internal.Messages.CDI_0009;
import static org.openjobspec.ee.internal.Messages.CFG_0013;
import static org.openjobspec.ee.internal.Messages.CFG_0050;
import static org.openjobspec.ee.internal.Messages.CFG_0051;
import static org.openjobspec.ee.internal.Messages.CFG_0052;
import static org.openjobspec.ee.internal.Messages.CFG_0053;
import static org.openjobspec.ee.internal.Messages.CFG_0054;
import static org.openjobspec.ee.internal.Messages.CFG_0055;
import static org.openjobspec.ee.internal.Messages.CFG_0056;
import static org.openjobspec.ee.internal.Messages.CFG_0057;
import static org.openjobspec.ee.internal.Messages.CFG_0058;
import static org.openjobspec.ee.internal.Messages.CFG_0059;
import static org.openjobspec.ee.internal.Messages.CFG_0060;
import static org.openjobspec.ee.internal.Messages.CFG_0061;
import static org.openjobspec.ee.internal.Messages.CFG_0062;
import static org.openjobspec.ee.internal.Messages.CFG_0063;
import static org.openjobspec.ee.internal.Messages.CFG_0064;
import static org.openjobspec.ee.internal.Messages.CFG_0065;
import static org.openjobspec.ee.internal.Messages.CFG_0067;

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

    /** Asserts that booting {@code beans} fails deployment; the assert goes on with the failure. */
    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> deploying(Class<?>... beans) {
        return assertThatThrownBy(() -> Ojs.boot(beans).close())
                .isInstanceOf(jakarta.enterprise.inject.spi.DeploymentException.class);
    }

    @Test
    void staticMethod() {
        deploying(Handlers.StaticHandler.class).hasMessageContaining(CDI_0001 + ": @JobHandler on 'Handlers.StaticHandler#run': the method is static");
    }

    @Test
    void privateMethod() {
        deploying(Handlers.PrivateHandler.class).hasMessageContaining(CDI_0001 + ": @JobHandler on 'Handlers.PrivateHandler#run': the method is private");
    }

    @Test
    void duplicateJobType() {
        deploying(Handlers.DuplicateA.class, Handlers.DuplicateB.class).hasMessageContaining(CDI_0002.id()).hasMessageContaining("'report.build' is already handled by");
    }

    @Test
    void jobTypeNotMatchingPattern() {
        deploying(Handlers.BadType.class).hasMessageContaining(CDI_0003 + ": @JobHandler on 'Handlers.BadType#send': job type 'Email' must match ^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");
    }

    @Test
    void twoJobContexts() {
        deploying(Handlers.TwoContexts.class).hasMessageContaining(CDI_0004 + ": @JobHandler on 'Handlers.TwoContexts#run'");
    }

    @Test
    void interfaceParameter() {
        deploying(Handlers.Unbindable.class).hasMessageContaining(CDI_0005 + ": @JobHandler on 'Handlers.Unbindable#run': parameter 1 of type java.lang.Runnable");
    }

    @Test
    void wildcardParameter() {
        deploying(Handlers.Wildcard.class).hasMessageContaining(CDI_0005 + ": @JobHandler on 'Handlers.Wildcard#run'").hasMessageContaining("wildcard");
    }

    @Test
    void notABean() {
        deploying(Handlers.NotABean.class).hasMessageContaining(CDI_0006 + ": @JobHandler on 'Handlers.NotABean#run'");
    }

    @Test
    void finalBeanClass() {
        deploying(Handlers.FinalBean.class).hasMessageContaining(CDI_0007 + ": @JobHandler on 'Handlers.FinalBean#run'");
    }

    @Test
    void futureReturnType() {
        deploying(Handlers.FutureReturn.class).hasMessageContaining(CDI_0008 + ": @JobHandler on 'Handlers.FutureReturn#run'");
    }

    @Test
    void genericMethod() {
        deploying(Handlers.GenericMethod.class).hasMessageContaining(CDI_0009 + ": @JobHandler on 'Handlers.GenericMethod#run'");
    }

    @Test
    void allProblemsAreReportedTogether() {
        TestConfig.set("ojs.worker.concurrency", "0");
        deploying(Handlers.BadType.class, Handlers.TwoContexts.class, Handlers.DuplicateA.class, Handlers.DuplicateB.class)
                .hasMessageContaining("OJS found 4 deployment problems")
                .hasMessageContaining(CDI_0003.id()).hasMessageContaining(CDI_0004.id())
                .hasMessageContaining(CDI_0002.id()).hasMessageContaining(CFG_0052.id());
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
        deploying(Handlers.Fine.class).hasMessageContaining(CFG_0052.id()).hasMessageContaining("ojs.url")
                .hasMessageContaining("OJS-CFG-00");
    }

    // ---- worker configuration

    private static void invalidConfig(String key, String value, String id) {
        TestConfig.set(key, value);
        deploying(Handlers.Fine.class).hasMessageContaining(id + ": ").hasMessageContaining(key);
    }

    @Test
    void enabledNotBoolean() {
        invalidConfig("ojs.worker.enabled", "maybe", CFG_0050.id());
    }

    @Test
    void badQueueName() {
        invalidConfig("ojs.worker.queues", "default,Bad Queue", CFG_0051.id());
    }

    @Test
    void concurrencyOutOfRange() {
        invalidConfig("ojs.worker.concurrency", "0", CFG_0052.id());
    }

    @Test
    void pollIntervalNotADuration() {
        invalidConfig("ojs.worker.poll-interval", "soon", CFG_0053.id());
    }

    @Test
    void heartbeatIntervalNegative() {
        invalidConfig("ojs.worker.heartbeat-interval", "-PT1S", CFG_0054.id());
    }

    @Test
    void gracePeriodNotADuration() {
        invalidConfig("ojs.worker.grace-period", "25 seconds", CFG_0055.id());
    }

    @Test
    void visibilityTimeoutZero() {
        invalidConfig("ojs.worker.visibility-timeout", "PT0S", CFG_0056.id());
    }

    @Test
    void heartbeatTooSlowForLease() {
        TestConfig.set("ojs.worker.visibility-timeout", "PT6S");
        invalidConfig("ojs.worker.heartbeat-interval", "PT5S", CFG_0057.id());
    }

    @Test
    void workerIdWithSpaces() {
        invalidConfig("ojs.worker.id", "my worker", CFG_0058.id());
    }

    @Test
    void labelsNotPairs() {
        invalidConfig("ojs.worker.labels", "region", CFG_0059.id());
    }

    @Test
    void executorBlank() {
        invalidConfig("ojs.worker.executor", "   ", CFG_0060.id());
    }

    @Test
    void backoffMaxNotADuration() {
        invalidConfig("ojs.worker.backoff-max", "PT", CFG_0061.id());
    }

    @Test
    void handlerConcurrencyAboveWorkers() {
        invalidConfig("ojs.handler.\"email.send\".concurrency", "99", CFG_0062.id());
    }

    @Test
    void handlerTimeoutNotADuration() {
        invalidConfig("ojs.handler.\"email.send\".timeout", "long", CFG_0063.id());
    }

    @Test
    void handlerKeyForUnknownJobType() {
        invalidConfig("ojs.handler.\"email.sned\".timeout", "PT5S", CFG_0064.id());
    }

    @Test
    void unknownWorkerKey() {
        invalidConfig("ojs.worker.concurency", "5", CFG_0065.id());
    }

    @Test
    void wakeOnEventsNotABoolean() {
        invalidConfig("ojs.worker.wake-on-events", "sometimes", CFG_0067.id());
    }

    // ---- unknown client keys

    @Test
    void unknownClientKey() {
        invalidConfig("ojs.read-timout", "5s", CFG_0013.id());
    }

    @Test
    void unknownTlsKey() {
        invalidConfig("ojs.tls.truststore", "/etc/ojs/trust.p12", CFG_0013.id());
    }

    @Test
    void unknownRetryKey() {
        invalidConfig("ojs.retry.max-atempts", "5", CFG_0013.id());
    }

    @Test
    void retryAndBatchValuesAreCheckedAtDeployment() {
        invalidConfig("ojs.retry.max-attempts", "zero", org.openjobspec.ee.internal.Messages.CFG_0015.id());
        Ojs.fastConfig(server);
        invalidConfig("ojs.batch.max-bytes", "100", org.openjobspec.ee.internal.Messages.CFG_0019.id());
    }

    @Test
    void unknownClientKeyFailsAnApplicationWithoutHandlers() {
        TestConfig.set("ojs.auth_token", "t");
        assertThatThrownBy(() -> Ojs.boot().close()).isInstanceOf(jakarta.enterprise.inject.spi.DeploymentException.class)
                .hasMessageContaining(CFG_0013 + ": unknown key 'ojs.auth_token'");
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
        for (String part : new String[] {"outbox", "transactional", "dashboard", "retry", "telemetry", "health"}) {
            TestConfig.set("ojs." + part + ".enabled", "true");
        }
        try (WeldContainer c = Ojs.boot(Handlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        }
    }
}
