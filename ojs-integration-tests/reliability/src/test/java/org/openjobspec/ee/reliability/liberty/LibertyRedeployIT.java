package org.openjobspec.ee.reliability.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.openjobspec.ee.reliability.support.Report;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Issue 7, item 6: the example WAR deployed and undeployed 10 times on Open Liberty. Live threads and loaded
 * classes of Liberty's JVM must come back to where they were after the first deployment: no worker thread and no
 * application class loader may survive an undeploy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibertyRedeployIT {

    static final int ROUNDS = 10;
    static EmbeddedOjsServer ojs;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "example", managed = false, testable = false)
    static WebArchive example() {
        return LibertyJvm.exampleWar();
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
    void tenRedeploysLeakNoThreadsAndNoClassLoaders() throws Exception {
        try (LibertyJvm jvm = LibertyJvm.connect()) {
            // the first round loads what Liberty loads once for any application (features, JAX-RS, Weld): warm up
            cycle(jvm);
            jvm.collectGarbage();
            int baseThreads = jvm.liveThreads();
            int baseClasses = jvm.loadedClasses();

            deployer.deploy("example");
            assertAppAnswers();
            int deployedClasses = jvm.loadedClasses();
            int deployedThreads = jvm.liveThreads();
            deployer.undeploy("example");
            for (int i = 1; i < ROUNDS; i++) {
                cycle(jvm);
            }

            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int threads;
            int classes;
            List<String> ojsThreads;
            int perDeployment = Math.max(1, deployedClasses - baseClasses);
            do {
                jvm.collectGarbage();
                threads = jvm.liveThreads();
                classes = jvm.loadedClasses();
                ojsThreads = jvm.threadsRunningOjs();
            } while ((classes - baseClasses > perDeployment / 2 || threads - baseThreads > 2 || !ojsThreads.isEmpty())
                    && System.nanoTime() < end);

            Report.line("redeploy", "injected=example WAR deployed+undeployed " + (ROUNDS + 1)
                    + "x on Open Liberty (1 warm-up); baseline threads=" + baseThreads + " classes=" + baseClasses
                    + "; while deployed threads=" + deployedThreads + " classes=" + deployedClasses
                    + " (+" + (deployedClasses - baseClasses) + " per deployment); after " + ROUNDS
                    + " more rounds threads=" + threads + " (" + signed(threads - baseThreads) + ") classes="
                    + classes + " (" + signed(classes - baseClasses) + ") unloaded_total=" + jvm.unloadedClasses()
                    + " ojs_threads=" + ojsThreads.size());

            assertThat(ojsThreads).as("threads still running OJS code").isEmpty();
            assertThat(threads - baseThreads).as("live threads back to baseline").isLessThanOrEqualTo(2);
            assertThat(classes - baseClasses).as("classes of the undeployed applications are unloaded")
                    .isLessThan(perDeployment / 2);
        }
    }

    private void cycle(LibertyJvm jvm) throws Exception {
        deployer.deploy("example");
        assertAppAnswers();
        deployer.undeploy("example");
    }

    private static void assertAppAnswers() throws Exception {
        URI status = URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port")
                + "/ojs-example/api/demo/status");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(status)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : String.valueOf(n);
    }
}
