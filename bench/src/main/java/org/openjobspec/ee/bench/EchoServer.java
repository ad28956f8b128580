package org.openjobspec.ee.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.openjobspec.ee.testing.internal.server.HttpApi;
import org.openjobspec.ee.testing.internal.server.LoopbackHttpServer;

/**
 * The baseline of {@code server.fetch_ack}: the HTTP layer of the embedded OJS server (its {@link LoopbackHttpServer},
 * set up as {@code EmbeddedOjsServer} sets it up) answering every fetch and ack with a recorded answer of the real
 * server, byte for byte, and doing nothing else. What it sustains is the ceiling of the HTTP layer (and of the raw
 * client loop on this machine); the OJS server's share of it is the cost of its own logic.
 */
final class EchoServer {

    private EchoServer() {
    }

    /** {@code echo-server <fetch answer file> <ack answer file>}; serves until killed. */
    static void main(Path fetchAnswer, Path ackAnswer) throws Exception {
        byte[] fetch = Files.readAllBytes(fetchAnswer);
        byte[] ack = Files.readAllBytes(ackAnswer);
        LoopbackHttpServer http = new LoopbackHttpServer(0, ex -> {
            ex.responseHeader("Content-Type", RawOjs.CONTENT_TYPE);
            ex.respond(200, ex.rawPath().endsWith("/fetch") ? fetch : ack);
        }, 256, HttpApi.MAX_BODY, 60_000, "echo-");
        System.out.println("echo server listening on http://127.0.0.1:" + http.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
