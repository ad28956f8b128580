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
 * Checks that {@code @Inject OjsClient} runs its async calls and event callbacks on the container's managed
 * executor, never on {@code ForkJoinPool.commonPool()}. A subclass per container deploys {@link #war()} and names
 * the container's managed threads.
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
public abstract class ClientThreadChecks {

    @ArquillianResource
    URL base;

    /** The client probe with the OJS jars the example WAR ships. */
    protected static org.jboss.shrinkwrap.api.spec.WebArchive war() {
        return Wars.withOjs("ojs-client-probe.war", org.openjobspec.ee.it.clientprobe.ClientThreadsResource.class
                .getPackage());
    }

    /** A fragment of the names the container gives the threads of its default managed executor. */
    protected abstract String managedThreadNameFragment();

    @Test
    void asyncCallsAndSubscriptionCallbacksRunOnManagedThreads() throws Exception {
        JsonObject threads = Http.getJson(Http.resolve(base, "api/client-threads"));

        // a managed thread's name, so not the common pool's "ForkJoinPool.commonPool-worker-N"
        assertThat(threads.getString("asyncCall")).as("thread of an enqueueAsync call")
                .contains(managedThreadNameFragment()).isNotEqualTo(threads.getString("requestThread"));
        assertThat(threads.getString("listener")).as("thread of a subscription listener")
                .contains(managedThreadNameFragment());
    }
}
