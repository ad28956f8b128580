package org.openjobspec.ee.it.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RMISocketFactory;

/**
 * Java agent for test servers: keeps every RMI server socket, and so the JDK's local JMX connector that
 * Arquillian drives Liberty through, on the loopback address.
 *
 * <p>The local connector's "local only" mode listens on every interface and merely refuses remote peers. The
 * agent turns that mode off, which makes the connector use the JVM-wide RMI socket factory, and installs a
 * factory that binds to loopback. The JDK reads {@code local.only} only when some management configuration is
 * present, hence the empty configuration file.
 */
public final class LoopbackRmiAgent {

    private LoopbackRmiAgent() {
    }

    public static void premain(String args) throws IOException {
        Path emptyConfig = Files.createTempFile("ojs-it-management", ".properties");
        emptyConfig.toFile().deleteOnExit();
        System.setProperty("com.sun.management.config.file", emptyConfig.toString());
        System.setProperty("com.sun.management.jmxremote.local.only", "false");

        RMISocketFactory.setSocketFactory(new RMISocketFactory() {
            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return new Socket(host, port);
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            }
        });
    }
}
