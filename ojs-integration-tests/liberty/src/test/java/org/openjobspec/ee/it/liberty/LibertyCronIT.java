package org.openjobspec.ee.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.Wars;
import org.openjobspec.ee.it.cron.CronJobs;

/**
 * {@code @Cron} on Open Liberty: deploying the WAR registers its entry with the OJS server, the server's scheduler
 * fires it, and the application's handler runs the job with the entry's fixed args on Liberty's managed threads.
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class LibertyCronIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive cron() {
        return Wars.cron();
    }

    @AfterEach
    void removeTheEntry() throws Exception {
        // the server outlives this test class: stop it enqueuing a job every second for the rest of the run
        Http.delete(ojs("ojs/v1/cron/" + CronJobs.ENTRY));
    }

    @Test
    void theEntryIsRegisteredFiresAndTheHandlerRuns() throws Exception {
        JsonObject entry = await("the @Cron entry registered at startup").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(LibertyCronIT::entry, Optional::isPresent).orElseThrow();
        assertThat(entry.getString("expression")).isEqualTo("@every 1s");
        JsonObject template = entry.getJsonObject("job_template");
        assertThat(template.getString("type")).isEqualTo(CronJobs.JOB_TYPE);
        assertThat(template.getJsonObject("options").getString("queue")).isEqualTo("cron");

        JsonObject job = await("a job the entry enqueued completed").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(LibertyCronIT::completedCronJob, Optional::isPresent).orElseThrow();
        assertThat(job.getString("result")).startsWith("tick from liberty x3 on Default Executor-thread-");
    }

    private static Optional<JsonObject> entry() throws Exception {
        JsonObject list = Http.getJson(ojs("ojs/v1/cron"));
        return list.getJsonArray(list.containsKey("crons") ? "crons" : "cron_jobs").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals(CronJobs.ENTRY)).findFirst();
    }

    /** A job of the entry's type that the server's cron scheduler enqueued and the application completed. */
    private static Optional<JsonObject> completedCronJob() throws Exception {
        JsonObject page = Http.getJson(ojs("ojs/v1/events?types=cron.triggered&job_types=" + CronJobs.JOB_TYPE
                + "&limit=1000"));
        for (JsonObject event : page.getJsonArray("events").getValuesAs(JsonObject.class)) {
            JsonObject body = Http.getJson(ojs("ojs/v1/jobs/" + event.getString("subject")));
            JsonObject job = body.containsKey("job") ? body.getJsonObject("job") : body;
            if (job.getString("state").equals("completed") && job.get("result") != null
                    && job.get("result").getValueType() == JsonValue.ValueType.STRING) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    private static URI ojs(String path) {
        return EmbeddedOjsForContainers.url().resolve(path);
    }
}
