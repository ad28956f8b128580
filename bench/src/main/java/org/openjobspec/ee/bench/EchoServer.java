package org.openjobspec.ee.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of {@code server.fetch_ack}: the JDK HTTP server set up as the embedded OJS server sets it up
 * (TCP_NODELAY, same thread pool shape) answering every fetch and ack with a recorded answer of the real server,
 * byte for byte, and doing nothing else. What it sustains is the ceiling of the HTTP stack the OJS server is built
 * on; the OJS server's share of it is the cost of its own logic.
 */
final class EchoServer {

    private EchoServer() {
    }

    /** {@code echo-server <fetch answer file> <ack answer file>}; serves until killed. */
    static void main(Path fetchAnswer, Path ackAnswer) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] fetch = Files.readAllBytes(fetchAnswer);
        byte[] ack = Files.readAllBytes(ackAnswer);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(pool);
        http.createContext("/", ex -> answer(ex, ex.getRequestURI().getPath().endsWith("/fetch") ? fetch : ack));
        http.start();
        System.out.println("echo server listening on http://127.0.0.1:" + http.getAddress().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void answer(HttpExchange ex, byte[] body) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", RawOjs.CONTENT_TYPE);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
