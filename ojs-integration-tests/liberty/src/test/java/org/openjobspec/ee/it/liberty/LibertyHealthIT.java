package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.HealthChecks;
import org.openjobspec.ee.it.Wars;

/** ojs-health on Open Liberty with {@code mpHealth-4.0}: the worker's check in Liberty's own /health endpoints. */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class LibertyHealthIT {

    private static final URI HEALTH = URI.create("http://127.0.0.1:" + Integer.getInteger("liberty.http.port")
            + "/health/");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "health", managed = false, testable = false)
    static WebArchive health() {
        return Wars.health();
    }

    @Test
    void readinessFollowsTheQuietDirectiveAndEveryGroupReportsTheWorker() throws Exception {
        deployer.deploy("health");
        try {
            HealthChecks.readinessFollowsTheQuietDirective(HEALTH);
        } finally {
            deployer.undeploy("health");
        }
    }

    /**
     * What /health/ready says while the application is undeployed with a job in flight: the worker drains for its
     * grace period (5 s) during the undeploy. Liberty (26.0.0.3) drops an application's checks as soon as the
     * application starts stopping, before CDI tells the worker to stop: for the whole drain it answers 200 UP
     * without the ojs-worker check, so "DOWN while draining" cannot be seen there during an undeploy. This test
     * records every distinct answer (printed) and pins that the application's check is gone by the end.
     */
    @Test
    void whatReadinessSaysDuringTheUndeployDrain() throws Exception {
        deployer.deploy("health");
        HealthChecks.awaitCheck(HEALTH, "ready", "UP");
        String jobId = HealthChecks.enqueueHold("{}");
        await().atMost(Duration.ofSeconds(60)).until(() -> HealthChecks.state(jobId), "active"::equals);

        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean undeployed = new AtomicBoolean();
        // the sampler runs beside the undeploy, which Arquillian runs only on the test's own thread
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (!undeployed.get()) {
                String entry = HealthChecks.readyAnswer(HEALTH);
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(entry)) {
                    seen.add(entry);
                }
            }
        });
        try {
            deployer.undeploy("health");
        } finally {
            undeployed.set(true);
        }
        sampler.get();
        System.out.println("LibertyHealthIT: /health/ready during the undeploy drain: " + seen);
        assertThat(seen).first().isEqualTo("200 UP running");
        assertThat(seen).last().isEqualTo("200 no ojs-worker check");
    }
}
