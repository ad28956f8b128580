package org.openjobspec.ee.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.deployment.DeploymentValidationTest.deploying;
import static org.openjobspec.ee.internal.Messages.CDI_0010;
import static org.openjobspec.ee.internal.Messages.CDI_0011;
import static org.openjobspec.ee.internal.Messages.CDI_0012;
import static org.openjobspec.ee.internal.Messages.CDI_0013;
import static org.openjobspec.ee.internal.Messages.CDI_0014;
import static org.openjobspec.ee.internal.Messages.CDI_0015;
import static org.openjobspec.ee.internal.Messages.CDI_0016;
import static org.openjobspec.ee.internal.Messages.CDI_0017;
import static org.openjobspec.ee.internal.Messages.CFG_0001;
import static org.openjobspec.ee.internal.Messages.CFG_0013;
import static org.openjobspec.ee.internal.Messages.CFG_0070;
import static org.openjobspec.ee.internal.Messages.CFG_0071;
import static org.openjobspec.ee.internal.Messages.CFG_0072;
import static org.openjobspec.ee.internal.Messages.CFG_0073;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.TestConfig;

/** Every @Cron problem fails deployment with its id, the entry, the Class#method and the fix; all at once. */
class CronDeploymentTest {

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

    @Test
    void validCronsDeploy() {
        try (WeldContainer c = Ojs.boot(CronHandlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        }
    }

    @Test
    void badExpression() {
        deploying(CronHandlers.BadExpression.class).hasMessageContaining(CDI_0010 + ": @Cron 'bad-expression' on "
                + "'CronHandlers.BadExpression#run': schedule '61 * * * *' is invalid (minute '61'");
    }

    @Test
    void unknownZone() {
        deploying(CronHandlers.BadZone.class).hasMessageContaining(CDI_0011 + ": @Cron 'bad-zone' on "
                + "'CronHandlers.BadZone#run': time zone 'Mars/Olympus' is not an IANA zone id");
    }

    @Test
    void duplicateName() {
        deploying(CronHandlers.DuplicateA.class, CronHandlers.DuplicateB.class)
                // discovery order decides which of the two is named first
                .hasMessageContaining(CDI_0012 + ": @Cron 'same-name' on 'CronHandlers.Duplicate")
                .hasMessageContaining("the name is already used by the @Cron on 'CronHandlers.Duplicate");
    }

    @Test
    void malformedName() {
        deploying(CronHandlers.BadName.class).hasMessageContaining(CDI_0013 + ": @Cron 'has \"quotes\" and spaces'");
    }

    @Test
    void argsNotJson() {
        deploying(CronHandlers.ArgsNotJson.class).hasMessageContaining(CDI_0014 + ": @Cron 'args-not-json' on "
                + "'CronHandlers.ArgsNotJson#run': args '{oops' is not a JSON literal");
    }

    @Test
    void argsTheParametersCannotTake() {
        deploying(CronHandlers.ArgsUnbindable.class).hasMessageContaining(CDI_0015 + ": @Cron 'args-unbindable' on "
                + "'CronHandlers.ArgsUnbindable#run': args [\"seven\"] cannot be bound to the method's parameters: "
                + "Cannot bind args[0] (a JSON string) to parameter 1 (int)");
    }

    @Test
    void missingArgForAPrimitive() {
        deploying(CronHandlers.ArgsMissingPrimitive.class).hasMessageContaining(CDI_0015 + ": @Cron 'args-missing'")
                .hasMessageContaining("Cannot bind a missing value args[0] to primitive parameter 1 (long)");
    }

    @Test
    void moreArgsThanParameters() {
        deploying(CronHandlers.TooManyArgs.class).hasMessageContaining(CDI_0015 + ": @Cron 'too-many-args'")
                .hasMessageContaining("it has 2 arg(s) and the method takes 1");
    }

    @Test
    void badQueue() {
        deploying(CronHandlers.BadQueue.class).hasMessageContaining(CDI_0016 + ": @Cron 'bad-queue' on "
                + "'CronHandlers.BadQueue#run': queue 'Bad Queue' must match");
    }

    @Test
    void cronWithoutJobHandler() {
        deploying(CronHandlers.WithoutHandler.class).hasMessageContaining(CDI_0017 + ": @Cron 'without-handler' on "
                + "'CronHandlers.WithoutHandler#run': the method has no @JobHandler");
    }

    @Test
    void allCronProblemsAreReportedTogether() {
        deploying(CronHandlers.BadExpression.class, CronHandlers.BadZone.class, CronHandlers.DuplicateA.class,
                CronHandlers.DuplicateB.class, CronHandlers.BadName.class, CronHandlers.ArgsNotJson.class,
                CronHandlers.ArgsUnbindable.class, CronHandlers.BadQueue.class, CronHandlers.WithoutHandler.class)
                .hasMessageContaining("OJS found 8 deployment problems")
                .hasMessageContaining(CDI_0010.id()).hasMessageContaining(CDI_0011.id())
                .hasMessageContaining(CDI_0012.id()).hasMessageContaining(CDI_0013.id())
                .hasMessageContaining(CDI_0014.id()).hasMessageContaining(CDI_0015.id())
                .hasMessageContaining(CDI_0016.id()).hasMessageContaining(CDI_0017.id());
    }

    // ---- overrides in MicroProfile Config

    @Test
    void overridesThatAreValidDeploy() {
        TestConfig.set("ojs.cron.\"nightly-report\".expression", "*/5 * * * MON-FRI");
        TestConfig.set("ojs.cron.\"nightly-report\".timezone", "America/New_York");
        TestConfig.set("ojs.cron.\"hourly-report\".enabled", "false");
        try (WeldContainer c = Ojs.boot(CronHandlers.Fine.class)) {
            assertThat(c.isRunning()).isTrue();
        }
    }

    @Test
    void badOverridesAreReportedTogether() {
        TestConfig.set("ojs.cron.\"nightly-report\".expression", "0 3 * *");
        TestConfig.set("ojs.cron.\"nightly-report\".timezone", "Europe/Atlantis");
        TestConfig.set("ojs.cron.\"hourly-report\".enabled", "sometimes");
        TestConfig.set("ojs.cron.\"weekly-report\".enabled", "true");
        TestConfig.set("ojs.cron.nightly-report.expression", "@daily");
        deploying(CronHandlers.Fine.class)
                .hasMessageContaining("OJS found 5 deployment problems")
                .hasMessageContaining(CFG_0070 + ": ojs.cron.\"nightly-report\".expression='0 3 * *' is invalid "
                        + "(it has 4 fields, not 5)")
                .hasMessageContaining(CFG_0071 + ": ojs.cron.\"nightly-report\".timezone='Europe/Atlantis'")
                .hasMessageContaining(CFG_0072 + ": ojs.cron.\"hourly-report\".enabled='sometimes' is not a boolean")
                .hasMessageContaining(CFG_0073 + ": 'ojs.cron.\"weekly-report\".enabled' configures cron entry "
                        + "'weekly-report', which no @Cron declares; declared: [hourly-report, nightly-report]")
                .hasMessageContaining(CFG_0073 + ": 'ojs.cron.nightly-report.expression' is not a cron key")
                .message().doesNotContain(CFG_0013.id());
    }

    @Test
    void cronsNeedTheClientConfigurationEvenWithoutAWorker() {
        TestConfig.clear();
        TestConfig.set("ojs.worker.enabled", "false");
        deploying(CronHandlers.Fine.class).hasMessageContaining(CFG_0001.id());
    }
}
