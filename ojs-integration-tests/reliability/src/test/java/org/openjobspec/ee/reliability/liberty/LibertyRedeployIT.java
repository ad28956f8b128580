package org.openjobspec.ee.reliability.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
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
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 6: the example WAR deployed and undeployed 10 times on Open Liberty, next to a control WAR without
 * OJS. Live threads must come back to where they were after a warm-up deployment and no thread may still run OJS
 * code; the loaded classes of the undeployed applications must be unloaded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibertyRedeployIT {

    static final int ROUNDS = 10;
    static EmbeddedOjsServer ojs;
    static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "example", managed = false, testable = false)
    static WebArchive example() {
        return LibertyJvm.exampleWar();
    }

    @Deployment(name = "control", managed = false, testable = false)
    static WebArchive control() {
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(WebArchive.class, "ojs-control.war")
                .addAsWebInfResource(org.jboss.shrinkwrap.api.asset.EmptyAsset.INSTANCE, "beans.xml")
                .addClasses(org.openjobspec.ee.reliability.liberty.control.ControlApp.class,
                        org.openjobspec.ee.reliability.liberty.control.ControlApp.Status.class,
                        org.openjobspec.ee.reliability.liberty.control.ControlApp.Remote.class,
                        org.openjobspec.ee.reliability.liberty.control.ControlApp.Starter.class,
                        org.openjobspec.ee.reliability.liberty.control.ControlApp.StatusResource.class);
    }

    @BeforeAll
    static void startOjs() {
        ojs = EmbeddedOjsServer.builder().port(Integer.getInteger("ojs.port")).start();
    }

    @AfterAll
    static void stopOjs() {
        ojs.stop();
    }

    @Test
    void tenRedeploysLeaveNoWorkerThreads() throws Exception {
        try (LibertyJvm jvm = LibertyJvm.connect()) {
            // the first round of each loads what Liberty loads once for any application (features, JAX-RS, Weld)
            cycle("control", "ojs-control/api/status");
            cycle("example", "ojs-example/api/demo/status");
            Round control = rounds(jvm, "control", "ojs-control/api/status");
            Round example = rounds(jvm, "example", "ojs-example/api/demo/status");

            Report.line("redeploy", "injected=example WAR deployed+undeployed " + ROUNDS + "x on Open Liberty "
                    + "(after a warm-up), next to a control WAR without OJS (CDI, JAX-RS, JSON-B, MP Config, MP REST "
                    + "client, managed executor) " + ROUNDS + "x; example: " + example + "; control: " + control);

            assertThat(example.ojsThreads).as("threads still running OJS code").isEmpty();
            assertThat(example.threads - example.baseThreads).as("live threads back to baseline")
                    .isLessThanOrEqualTo(2);
            assertThat(control.ojsThreads).isEmpty();
        }
    }

    /**
     * Liberty's JVM runs with {@code -XX:SoftRefLRUPolicyMSPerMB=0} (see the pom): Liberty keeps the log records of its
     * first 5 minutes, which name application classes, in soft references that a full GC would otherwise leave alone.
     */
    @Test
    void loadedClassesReturnToBaselineAfterRedeploys() throws Exception {
        try (LibertyJvm jvm = LibertyJvm.connect()) {
            cycle("example", "ojs-example/api/demo/status");
            Round example = rounds(jvm, "example", "ojs-example/api/demo/status");
            Report.line("redeploy-classes", "example: " + example);
            assertThat(example.classes - example.baseClasses)
                    .as("classes of the undeployed applications are unloaded")
                    .isLessThan(Math.max(1, example.deployedClasses - example.baseClasses) / 2);
        }
    }

    /** What {@link #ROUNDS} deploy/undeploy cycles of one WAR leave behind. */
    record Round(int baseThreads, int baseClasses, int deployedClasses, int threads, int classes,
                 List<String> ojsThreads) {
        int retainedPerRound() {
            return (classes - baseClasses) / ROUNDS;
        }

        @Override
        public String toString() {
            return "baseline threads=" + baseThreads + " classes=" + baseClasses + ", +" + (deployedClasses
                    - baseClasses) + " classes while deployed, after " + ROUNDS + " rounds threads=" + threads + " ("
                    + signed(threads - baseThreads) + ") classes=" + classes + " (" + signed(classes - baseClasses)
                    + ", " + retainedPerRound() + " per round) ojs_threads=" + ojsThreads.size();
        }
    }

    private Round rounds(LibertyJvm jvm, String name, String statusPath) throws Exception {
        jvm.collectGarbage();
        int baseThreads = jvm.liveThreads();
        int baseClasses = jvm.loadedClasses();
        deployer.deploy(name);
        assertAnswers(statusPath);
        int deployedClasses = jvm.loadedClasses();
        deployer.undeploy(name);
        for (int i = 1; i < ROUNDS; i++) {
            cycle(name, statusPath);
        }
        int perDeployment = Math.max(1, deployedClasses - baseClasses);
        // collect until the undeployed applications are gone; if they never go, the caller's assertions show what is
        // left
        AtomicReference<Round> left = new AtomicReference<>();
        try {
            await("undeployed applications unloaded").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        jvm.collectGarbage();
                        Round r = new Round(baseThreads, baseClasses, deployedClasses, jvm.liveThreads(),
                                jvm.loadedClasses(), jvm.threadsRunningOjs());
                        left.set(r);
                        return r.classes() - baseClasses <= perDeployment / 2 && r.threads() - baseThreads <= 2
                                && r.ojsThreads().isEmpty();
                    });
        } catch (ConditionTimeoutException stillThere) {
            // reported by the caller's assertions on the last round
        }
        return left.get();
    }

    private void cycle(String name, String statusPath) throws Exception {
        deployer.deploy(name);
        assertAnswers(statusPath);
        deployer.undeploy(name);
    }

    private static void assertAnswers(String path) throws Exception {
        URI status = URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port") + "/" + path);
        // HTTP/1.1: by default java.net.http asks for an h2c upgrade, and each Liberty executor thread that served an
        // upgraded request keeps it (and the WebApp of its application) in a ThreadLocal until its next request
        HttpResponse<String> r = HTTP_1_1.send(HttpRequest.newBuilder(status)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : String.valueOf(n);
    }
}
