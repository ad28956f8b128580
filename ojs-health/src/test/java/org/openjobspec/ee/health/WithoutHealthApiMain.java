package org.openjobspec.ee.health;

import jakarta.enterprise.inject.Any;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.health.testkit.Handlers;
import org.openjobspec.ee.health.testkit.HealthApp;
import org.openjobspec.ee.testkit.LogCapture;

import static org.awaitility.Awaitility.await;

/**
 * An application with ojs-health on a runtime without the MicroProfile Health API: run by
 * {@link WithoutHealthApiTest} in a JVM whose class path lacks the API. It deploys, runs a job against the server
 * given as the argument and prints what it saw, one fact per line.
 */
public final class WithoutHealthApiMain {

    public static void main(String[] args) {
        LogCapture log = LogCapture.of("org.openjobspec.ee.health", Level.INFO);
        System.out.println("API " + (apiLoads() ? "present" : "absent"));
        URI server = URI.create(args[0]);
        HealthApp.fastConfig(server);
        try (WeldContainer app = HealthApp.boot(Handlers.class);
             OjsClient client = OjsClient.builder().url(server).build()) {
            long checkBeans = app.getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                    .filter(b -> b.getBeanClass().getName().startsWith("org.openjobspec.ee.health.internal.mp.")).count();
            System.out.println("CHECK-BEANS " + checkBeans);
            String id = client.enqueue("health.echo", "no health here").id();
            await().atMost(HealthApp.PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> "completed".equals(client.getJob(id).state()));
            System.out.println("JOB " + client.getJob(id).state() + " " + client.getJob(id).result());
        }
        log.messages().forEach(m -> System.out.println("LOG " + m));
        System.out.println("END");
    }

    private static boolean apiLoads() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
