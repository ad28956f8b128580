package org.openjobspec.ee.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on 127.0.0.1 for what a real OJS server cannot be made to do: answer garbage,
 * answer too slowly, or answer arbitrary error shapes. Every other test uses the embedded OJS server.
 */
final class FakeHttp implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/openjobspec+json"), body, 0);
        }
    }

    record Seen(String method, String path, Headers headers, String body) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer answer = Answer.json(200, "{}");

    FakeHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), body));
                Answer current = answer;
                if (current.delayMillis() > 0) {
                    try {
                        Thread.sleep(current.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                current.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                byte[] bytes = current.body() == null ? new byte[0] : current.body().getBytes(StandardCharsets.UTF_8);
                if (current.status() == 204 || bytes.length == 0) {
                    exchange.sendResponseHeaders(current.status(), -1);
                } else {
                    exchange.sendResponseHeaders(current.status(), bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (IOException ignored) {
                // the client gave up (timeout tests)
            }
        });
        server.start();
    }

    FakeHttp answer(Answer next) {
        this.answer = next;
        return this;
    }

    FakeHttp answer(int status, String jsonBody) {
        return answer(Answer.json(status, jsonBody));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Seen> seen() {
        return seen;
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
