package org.openjobspec.ee.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.error.OjsConfigurationException;
import org.openjobspec.ee.error.OjsTimeoutException;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer;
import org.openjobspec.ee.testing.HostileOjsServer.Behaviour;

import static org.openjobspec.ee.internal.Messages.CFG_0001;
import static org.openjobspec.ee.internal.Messages.CFG_0004;

/** {@code @Inject OjsClient} in Weld SE, configured through MicroProfile Config (SmallRye). */
@Timeout(60)
class OjsClientProducerTest {

    private static EmbeddedOjsServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedOjsServer.builder().authToken("cdi-token").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs second although registered first: priorities decide. */
    @ApplicationScoped
    @Priority(20)
    public static class TenantInterceptor implements EnqueueInterceptor {
        @Override
        public void beforeEnqueue(OutgoingJob job) {
            job.putMeta("tenant", "acme");
            job.putMeta("order", job.meta().containsKey("traceparent") ? "trace-first" : "tenant-first");
        }
    }

    @Dependent
    @Priority(10)
    public static class TraceInterceptor implements EnqueueInterceptor {
        @Override
        public void beforeEnqueue(OutgoingJob job) {
            job.putMeta("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
    }

    private static WeldContainer boot(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // nothing registered yet
        }
        resolver.registerConfig(config, loader);
        return new Weld().disableDiscovery()
                .addBeanClasses(OjsClientProducer.class, LibraryExecutor.class, TenantInterceptor.class, TraceInterceptor.class)
                .initialize();
    }

    private static void release() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    @Test
    void injectedClientUsesConfigAndInterceptorsInPriorityOrder() {
        Map<String, String> props = new HashMap<>();
        props.put("ojs.url", server.url().toString());
        props.put("ojs.auth-token", "cdi-token");
        props.put("ojs.read-timeout", "PT5S");
        try (WeldContainer container = boot(props)) {
            OjsClient client = container.select(OjsClient.class).get();
            Job job = client.getJob(client.enqueue("cdi.hello", "world").id());
            assertThat(job.args().getString(0)).isEqualTo("world");
            assertThat(job.meta().getString("tenant")).isEqualTo("acme");
            assertThat(job.meta().getString("traceparent")).startsWith("00-4bf9");
            assertThat(job.meta().getString("order")).isEqualTo("trace-first");
            assertThat(container.select(OjsClient.class).get().getJob(job.id()).id())
                    .as("the same application-scoped client").isEqualTo(job.id());
        } finally {
            release();
        }
    }

    @Test
    void readTimeoutFromConfigApplies() throws Exception {
        try (HostileOjsServer slow = HostileOjsServer.start().always(Behaviour.answer(200,
                Map.of("Content-Type", "application/json"), "{\"queues\":[]}").delayed(Duration.ofMillis(1500)))) {
            Map<String, String> props = new HashMap<>();
            props.put("ojs.url", slow.url().toString());
            props.put("ojs.read-timeout", "300ms");
            props.put("ojs.retry.enabled", "false"); // one try: the time it takes is the read timeout's
            try (WeldContainer container = boot(props)) {
                OjsClient client = container.select(OjsClient.class).get();
                long start = System.nanoTime();
                assertThatThrownBy(client::queues).isInstanceOf(OjsTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
            } finally {
                release();
            }
        }
    }

    @Test
    void missingUrlIsACodedConfigurationError() {
        try (WeldContainer container = boot(Map.of("ojs.read-timeout", "soon"))) {
            assertThatThrownBy(() -> container.select(OjsClient.class).get().queues())
                    .isInstanceOfSatisfying(OjsConfigurationException.class, e -> assertThat(e.problems())
                            .extracting(p -> p.substring(0, 12)).containsExactlyInAnyOrder(CFG_0001.id(), CFG_0004.id()));
        } finally {
            release();
        }
    }
}
