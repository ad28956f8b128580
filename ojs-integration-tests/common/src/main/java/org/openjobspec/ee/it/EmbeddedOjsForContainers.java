package org.openjobspec.ee.it;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openjobspec.ee.testing.EmbeddedOjsServer;

/**
 * Starts the embedded OJS server in the test JVM, once for the whole run, on the port the build reserved
 * ({@code ojs.port}) and told the container about; stops it when the run ends. Register it before
 * {@code ArquillianExtension}, so the server is up before the container deploys anything. In an in-container
 * test JUnit runs the class again inside the container (Arquillian marks that run {@code insideArquillian}): there it
 * does nothing, the application reaches the test JVM's server over HTTP.
 */
public final class EmbeddedOjsForContainers implements BeforeAllCallback {

    public static URI url() {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("ojs.port") + "/");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getConfigurationParameter("insideArquillian").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
                EmbeddedOjsServer.class, key -> new Running(EmbeddedOjsServer.builder()
                        .port(Integer.getInteger("ojs.port")).start()), Running.class);
    }

    private record Running(EmbeddedOjsServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.stop();
        }
    }
}
