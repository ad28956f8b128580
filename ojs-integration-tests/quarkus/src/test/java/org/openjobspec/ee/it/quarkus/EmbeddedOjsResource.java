package org.openjobspec.ee.it.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Runs the embedded OJS server in the test JVM, on a free loopback port, before Quarkus starts, and points the
 * application at it; stops it after the tests.
 */
public class EmbeddedOjsResource implements QuarkusTestResourceLifecycleManager {

    static EmbeddedOjsServer server;

    @Override
    public Map<String, String> start() {
        server = EmbeddedOjsServer.start();
        return Map.of("ojs.url", server.url().toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
