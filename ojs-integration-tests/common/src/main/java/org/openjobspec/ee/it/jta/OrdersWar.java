package org.openjobspec.ee.it.jta;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.Wars;
import org.openjobspec.ee.it.jta.app.OrdersResource;

/**
 * The transactional-enqueue test WAR: the application in {@code app}, the OJS jars of the example WAR and the
 * ojs-jta jar the build passes as {@code ojs.jta.jar}.
 */
public final class OrdersWar {

    private OrdersWar() {
    }

    /** Jobs sent right after commit: no outbox. */
    public static WebArchive afterCommit(String name) {
        return create(name, Map.of());
    }

    /**
     * Jobs written to the outbox table on {@code jdbc/orders}, created at startup. The relay polls only every
     * 5 minutes: jobs that arrive sooner were sent on the wake-up after their commit (or when the relay started).
     */
    public static WebArchive outbox(String name) {
        return create(name, Map.of(
                "ojs.outbox.datasource", "jdbc/orders",
                "ojs.outbox.create-table", "true",
                "ojs.outbox.poll-interval", "PT5M",
                "ojs.outbox.backoff-max", "PT1S"));
    }

    private static WebArchive create(String name, Map<String, String> config) {
        File jta = new File(System.getProperty("ojs.jta.jar", "missing"));
        if (!jta.isFile()) {
            throw new IllegalStateException("ojs.jta.jar must name the jar built by ojs-jta, was " + jta);
        }
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return Wars.withOjs(name, OrdersResource.class.getPackage())
                .addAsLibrary(jta)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }
}
