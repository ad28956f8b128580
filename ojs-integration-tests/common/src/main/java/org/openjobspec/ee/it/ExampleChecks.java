package org.openjobspec.ee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example WAR, deployed unchanged, runs its demo end to end against the embedded OJS server: enqueued from
 * an EJB and from a JAX-RS resource, run by the worker on the container's managed threads, through the
 * example's interceptor, with retries and workflows. A subclass per container supplies the deployment
 * ({@link Wars#example()}) and the container's managed thread names.
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
public abstract class ExampleChecks {

    private static JsonObject finished;

    @ArquillianResource
    URL base;

    protected abstract String managedThreadNameFragment();

    @BeforeAll
    static void reset() {
        finished = null;
    }

    @Test
    void everyJobAndWorkflowCompletes() throws Exception {
        JsonObject status = demo();

        assertThat(status.getBoolean("allFinished")).as(status.toString()).isTrue();
        for (JsonValue job : status.getJsonObject("jobs").values()) {
            assertThat(job.asJsonObject().getString("state")).as(job.toString()).isEqualTo("completed");
        }
        for (JsonValue workflow : status.getJsonObject("workflows").values()) {
            assertThat(workflow.asJsonObject().getString("state")).as(workflow.toString()).isEqualTo("completed");
        }
        assertThat(types(status)).contains("image.resize", "image.publish", "report.section", "report.completed");
    }

    @Test
    void ejbAndJaxRsEnqueueThroughInjectedClient() throws Exception {
        JsonObject jobs = demo().getJsonObject("jobs");

        // SignupService (an EJB) enqueued the mail; DemoResource (JAX-RS) enqueued the payment
        JsonObject mail = jobs.getJsonObject("welcome-email");
        assertThat(mail.getString("type")).isEqualTo("email.send");
        assertThat(mail.getJsonObject("result").getString("to")).isEqualTo("ada@example.org");
        assertThat(jobs.getJsonObject("payment-retried").getJsonObject("result").getString("orderId"))
                .isEqualTo("order-42");
    }

    @Test
    void failingHandlerIsRetriedUntilItSucceeds() throws Exception {
        JsonObject status = demo();
        JsonObject payment = status.getJsonObject("jobs").getJsonObject("payment-retried");
        List<String> outcomes = status.getJsonArray("handlerRuns").stream().map(JsonValue::asJsonObject)
                .filter(run -> run.getString("job").equals(payment.getString("id")))
                .map(run -> run.getString("outcome")).toList();

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.subList(0, 2)).allMatch(o -> o.startsWith("failed: payment gateway unavailable"));
        assertThat(outcomes.get(2)).isEqualTo("succeeded");
        assertThat(payment.getJsonObject("result").getInt("attempts")).isEqualTo(3);
    }

    @Test
    void handlersRunOnTheContainersManagedThreads() throws Exception {
        List<String> threads = demo().getJsonArray("handlerRuns").stream()
                .map(run -> run.asJsonObject().getString("thread")).distinct().toList();

        assertThat(threads).isNotEmpty().allMatch(t -> t.contains(managedThreadNameFragment()), managedThreadNameFragment());
    }

    /** Starts the demo once per deployment and waits until everything it started has finished. */
    private JsonObject demo() throws Exception {
        if (finished == null) {
            Http.post(Http.resolve(base, "api/demo/start"), "");
            finished = await().atMost(Duration.ofSeconds(60))
                    .until(() -> Http.getJson(Http.resolve(base, "api/demo/status")),
                    status -> status.getBoolean("allFinished"));
        }
        return finished;
    }

    private static List<String> types(JsonObject status) {
        return status.getJsonArray("handlerRuns").stream().map(run -> run.asJsonObject().getString("type"))
                .distinct().toList();
    }
}
