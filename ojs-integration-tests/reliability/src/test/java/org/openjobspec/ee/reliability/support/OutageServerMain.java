package org.openjobspec.ee.reliability.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;

/**
 * The embedded OJS server in its own JVM, on 127.0.0.1 and the port given as first argument, that can be taken
 * down and brought back by commands on standard input: {@code down} stops the HTTP server (port closed, all its
 * threads gone) and keeps the in-memory state; {@code up} serves that state again on the same port. This is how a
 * server whose store survives a restart (Redis, Postgres) looks to a worker; the standalone jar has no state file.
 */
public final class OutageServerMain {

    private OutageServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EmbeddedOjsServer server = EmbeddedOjsServer.builder().port(port).start();
        System.out.println("OJS server listening on " + server.url());
        System.out.flush();
        OjsState state = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "down" -> {
                    state = server.state();
                    server.stop();
                    System.out.println("DOWN");
                }
                case "up" -> {
                    server = EmbeddedOjsServer.builder().port(port).state(state).start();
                    System.out.println("UP " + server.url());
                }
                case "quit" -> {
                    server.stop();
                    System.exit(0);
                }
                default -> System.out.println("unknown command " + line);
            }
            System.out.flush();
        }
        server.stop();
    }
}
