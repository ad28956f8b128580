package org.openjobspec.ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks that the container serves what the OJS extension relies on. A subclass per container supplies the
 * deployment ({@link ProbeDeployments#probeWar()}) and the container's name for its managed threads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ProbeChecks {

    @ArquillianResource
    URL base;

    /** A fragment of the names the container gives the threads of its default managed executor. */
    protected abstract String managedThreadNameFragment();

    @Test
    void cdiBeanAndEjbAnswerThroughJaxRs() throws Exception {
        JsonObject first = probe();
        JsonObject second = probe();

        assertThat(first.getString("greeting")).isEqualTo("hello probe");
        assertThat(first.getBoolean("ejbBound")).as("EJB bound in java:module").isTrue();
        assertThat(second.getInt("visits")).as("the singleton EJB keeps its state").isEqualTo(first.getInt("visits") + 1);
    }

    @Test
    void defaultManagedExecutorRunsTasksOnManagedThreads() throws Exception {
        JsonObject probe = probe();
        JsonObject task = probe.getJsonObject("task");

        assertThat(task.getString("thread"))
                .isNotEqualTo(probe.getString("requestThread"))
                .contains(managedThreadNameFragment());
        assertThat(task.getBoolean("jndi")).as("java:comp is available on the managed thread").isTrue();
        assertThat(task.getBoolean("appClassLoader")).as("the application's class loader is propagated").isTrue();
    }

    private JsonObject probe() throws Exception {
        return Http.getJson(Http.resolve(base, "api/probe"));
    }
}
