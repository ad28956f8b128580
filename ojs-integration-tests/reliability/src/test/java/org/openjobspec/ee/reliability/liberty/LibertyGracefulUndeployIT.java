package org.openjobspec.ee.reliability.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.reliability.liberty.app.GraceJobs;
import org.openjobspec.ee.reliability.support.Api;
import org.openjobspec.ee.reliability.support.FaultProxy;
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 3 (Open Liberty part): an application is undeployed with 20 jobs of 2 s in flight. With a 5 s grace
 * period all 20 finish and are acked once; with 1 s they are handed back and the next deployment completes them.
 * The applications reach the server through a counting proxy on the port Liberty's server.xml names.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibertyGracefulUndeployIT {

    static final int JOBS = 20;
    static EmbeddedOjsServer ojs;
    static FaultProxy proxy;
    static Api api;

    @ArquillianResource
    Deployer deployer;

    static String config(String grace) {
        return String.join("\n", "ojs.worker.queues=grace", "ojs.worker.concurrency=" + JOBS,
                "ojs.worker.poll-interval=100", "ojs.worker.heartbeat-interval=PT1S",
                "ojs.worker.visibility-timeout=PT10S", "ojs.worker.grace-period=" + grace, "");
    }

    @Deployment(name = "grace-5s", managed = false, testable = false)
    static WebArchive longGrace() {
        return LibertyJvm.warWith("ojs-grace-5s.war", config("PT5S"), GraceJobs.class);
    }

    @Deployment(name = "grace-1s", managed = false, testable = false)
    static WebArchive shortGrace() {
        return LibertyJvm.warWith("ojs-grace-1s.war", config("PT1S"), GraceJobs.class);
    }

    @BeforeAll
    static void startOjs() throws Exception {
        ojs = EmbeddedOjsServer.start();
        proxy = new FaultProxy(ojs.url(), Integer.getInteger("ojs.port"));
        api = new Api(ojs.url());
    }

    @AfterAll
    static void stopOjs() {
        proxy.close();
        ojs.stop();
    }

    @Test
    void undeployWithFiveSecondGraceFinishesAllTwentyAndAcksEachOnce() throws Exception {
        List<String> ids = api.enqueueMany(JOBS, Api.job("rel.two_seconds", Api.args(), grace()));
        deployer.deploy("grace-5s");
        awaitActive(ids);
        long t0 = System.nanoTime();
        deployer.undeploy("grace-5s");
        long undeployNanos = System.nanoTime() - t0;

        int completed = 0;
        int ackedOnce = 0;
        for (String id : ids) {
            completed += api.state(id).equals("completed") ? 1 : 0;
            ackedOnce += proxy.acks(id) == 1 && proxy.acksAccepted(id) == 1 ? 1 : 0;
        }
        List<String> ojsThreads = awaitNoOjsThreads();
        Report.line("liberty-undeploy-5s", "injected=undeploy on Open Liberty with " + JOBS
                + " jobs of 2s in flight, grace 5s; completed=" + completed + " acked_once=" + ackedOnce
                + " released=" + proxy.totalReleases() + " undeploy_took=" + Report.seconds(undeployNanos)
                + " ojs_threads_left=" + ojsThreads.size());

        assertThat(completed).isEqualTo(JOBS);
        assertThat(ackedOnce).isEqualTo(JOBS);
        assertThat(proxy.totalReleases()).isZero();
        assertThat(ojsThreads).isEmpty();
    }

    @Test
    void undeployWithOneSecondGraceReleasesTheRestAndTheNextDeploymentCompletesThem() throws Exception {
        List<String> ids = api.enqueueMany(JOBS, Api.job("rel.two_seconds", Api.args(), grace()));
        int releasesBefore = proxy.totalReleases();
        deployer.deploy("grace-1s");
        awaitActive(ids);
        long t0 = System.nanoTime();
        deployer.undeploy("grace-1s");
        long undeployNanos = System.nanoTime() - t0;
        int released = proxy.totalReleases() - releasesBefore;
        await().atMost(Api.PATIENCE).until(() -> ids.stream().filter(id -> api.state(id).equals("active")).count(),
                n -> n == 0);
        int available = (int) ids.stream().filter(id -> api.state(id).equals("available")).count();
        // Liberty takes a moment to stop the application before CDI's BeforeDestroyed starts the worker's drain:
        // jobs that finish meanwhile are acked normally, only the unfinished ones are released
        int completedDuringUndeploy = (int) ids.stream().filter(id -> api.state(id).equals("completed")).count();
        List<String> ojsThreads = awaitNoOjsThreads();

        deployer.deploy("grace-5s"); // another worker (a new id per deployment) picks the released jobs up
        int completedLater = 0;
        try {
            for (String id : ids) {
                JsonObject job = api.awaitState(id, "completed");
                completedLater += job.getString("state").equals("completed") ? 1 : 0;
            }
        } finally {
            deployer.undeploy("grace-5s");
        }
        int ackedOnce = 0;
        for (String id : ids) {
            ackedOnce += proxy.acks(id) == 1 && proxy.acksAccepted(id) == 1 ? 1 : 0;
        }
        Report.line("liberty-undeploy-1s", "injected=undeploy on Open Liberty with " + JOBS
                + " jobs of 2s in flight, grace 1s; released=" + released + " available_after_undeploy=" + available
                + " finished_during_undeploy=" + completedDuringUndeploy
                + " completed_by_next_deployment=" + completedLater + " acked_once=" + ackedOnce
                + " undeploy_took=" + Report.seconds(undeployNanos) + " ojs_threads_left=" + ojsThreads.size());

        assertThat(released + completedDuringUndeploy).as("every job was either finished or released").isEqualTo(JOBS);
        assertThat(available).as("the released jobs are available again").isEqualTo(released);
        assertThat(completedLater).isEqualTo(JOBS);
        assertThat(ackedOnce).isEqualTo(JOBS);
        assertThat(ojsThreads).isEmpty();
    }

    private static JsonObject grace() {
        return jakarta.json.Json.createObjectBuilder().add("queue", "grace")
                .add("retry", jakarta.json.Json.createObjectBuilder().add("max_attempts", 3)).build();
    }

    /** Waits until every job is fetched and every handler is running on one of Liberty's threads. */
    private static void awaitActive(List<String> ids) throws Exception {
        await().atMost(Api.PATIENCE).until(() -> ids.stream().filter(id -> api.state(id).equals("active")).count(),
                n -> n == ids.size());
        try (LibertyJvm jvm = LibertyJvm.connect()) {
            await().atMost(Api.PATIENCE).until(() -> jvm.threadsIn(GraceJobs.class.getName()), n -> n == ids.size());
        }
    }

    /** The threads running OJS code once they had their chance to end: empty as soon as they have. */
    private static List<String> awaitNoOjsThreads() throws Exception {
        try (LibertyJvm jvm = LibertyJvm.connect()) {
            return await("no thread running OJS code").atMost(Api.PATIENCE).until(jvm::threadsRunningOjs,
                    List::isEmpty);
        }
    }
}
