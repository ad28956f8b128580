package org.openjobspec.ee.health;

import jakarta.enterprise.inject.Any;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.health.testkit.Handlers;
import org.openjobspec.ee.health.testkit.HealthApp;

import static org.awaitility.Awaitility.await;

/**
 * An application with ojs-health on a runtime without the MicroProfile Health API: run by
 * {@link WithoutHealthApiTest} in a JVM whose class path lacks the API. It deploys, runs a job against the server
 * given as the argument and prints what it saw, one fact per line.
 */
public final class WithoutHealthApiMain {

    /** Held here: JUL keeps loggers only weakly, and a collected one takes its handler with it. */
    private static final Logger LOG = Logger.getLogger("org.openjobspec.ee.health");

    public static void main(String[] args) {
        List<String> logged = new CopyOnWriteArrayList<>();
        LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
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
        logged.forEach(m -> System.out.println("LOG " + m));
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
