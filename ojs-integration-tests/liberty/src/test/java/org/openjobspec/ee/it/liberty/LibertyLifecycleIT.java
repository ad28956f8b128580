package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.ProbeDeployments;
import org.openjobspec.ee.it.Wars;

/** Deployment and undeployment of OJS applications on Liberty, watched from a separate probe application. */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class LibertyLifecycleIT {

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    URL probe;

    @Deployment(name = "probe", testable = false)
    static WebArchive probe() {
        return ProbeDeployments.probeWar();
    }

    @Deployment(name = "slow", managed = false, testable = false)
    static WebArchive slow() {
        return Wars.slow();
    }

    @Deployment(name = "bad", managed = false, testable = false)
    static WebArchive bad() {
        return Wars.badHandlers();
    }

    @Test
    void invalidHandlersFailTheDeploymentWithOneMessageIdEach() throws Exception {
        Path log = serverLog();
        long before = Files.size(log);

        Throwable failure = catchThrowable(() -> deployer.deploy("bad"));

        assertThat(failure).as("deploying invalid handlers must fail").isNotNull();
        String logged = await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(log).substring((int) before),
                text -> text.contains("OJS-CDI-0002"));
        assertThat(logged)
                .contains("CWWKZ0002E")
                .contains("OJS-CDI-0003").contains("BadHandlers#badType").contains("Not A Job Type")
                .contains("OJS-CDI-0002").contains("duplicate.type");
        catchThrowable(() -> deployer.undeploy("bad"));
    }

    @Test
    void undeployStopsTheWorkerAndReleasesTheJobInFlight() throws Exception {
        deployer.deploy("slow");
        String jobId = enqueueSlowJob();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(jobId), "active"::equals);
        assertThat(ojsThreads()).as("the worker is visible while it runs").isNotEmpty();

        deployer.undeploy("slow");

        await().atMost(Duration.ofSeconds(60)).until(this::ojsThreads, JsonArray::isEmpty);
        String after = await().atMost(Duration.ofSeconds(60)).until(() -> state(jobId), s -> !s.equals("active"));
        assertThat(after).as("the job was handed back to the server, not completed or lost")
                .isIn(Set.of("available", "retryable", "scheduled", "pending"));
    }

    private JsonArray ojsThreads() throws Exception {
        HttpResponse<String> response = Http.get(Http.resolve(probe, "api/probe/ojs-threads"));
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static String enqueueSlowJob() throws Exception {
        HttpResponse<String> response = Http.post(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs"),
                "{\"type\":\"test.slow\",\"args\":[],\"options\":{\"queue\":\"slow\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("id");
    }

    private static String state(String jobId) throws Exception {
        JsonObject body = Http.getJson(EmbeddedOjsForContainers.url().resolve("ojs/v1/jobs/" + jobId));
        return (body.containsKey("job") ? body.getJsonObject("job") : body).getString("state");
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("liberty.wlp.dir"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", "messages.log");
    }
}
