package org.openjobspec.ee.testing.internal.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.internal.Messages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP/1.1 layer under the embedded server, driven over raw sockets so every byte is what we wrote. */
class LoopbackHttpServerTest {
    private LoopbackHttpServer server;

    /** Echoes method, path, query and body length; "/stream" answers with three chunks. */
    private final LoopbackHttpServer.Handler echo = ex -> {
        if (ex.rawPath().equals("/stream")) {
            OutputStream os = ex.responseHeader("Content-Type", "text/plain").openStream(200);
            for (String part : new String[] {"one ", "two ", "three"}) {
                os.write(part.getBytes(StandardCharsets.UTF_8));
                os.flush();
            }
            os.close();
            return;
        }
        byte[] body = ex.body();
        String text = ex.method() + " " + ex.rawPath() + " " + ex.rawQuery() + " "
                + (body == null ? "too-large" : new String(body, StandardCharsets.UTF_8));
        ex.responseHeader("X-Seen-Header", String.valueOf(ex.header("x-custom")));
        ex.respond(200, text.getBytes(StandardCharsets.UTF_8));
    };

    private void start(int maxThreads) throws IOException {
        server = new LoopbackHttpServer(0, echo, maxThreads, 64, 10_000, "test-loopback-");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {
    }

    private static Reply read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int c = h.indexOf(':');
            headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in), 16); n > 0; n = Integer.parseInt(line(in), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
            line(in);
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("closed after: " + sb);
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(Socket s, String raw) throws IOException {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    @Test
    void servesSeveralRequestsOnOneKeepAliveConnection() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Custom: yes\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
            Reply first = read(s.getInputStream());
            Reply second = read(s.getInputStream());
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("POST /a x=1 hello");
            assertThat(first.headers()).containsEntry("x-seen-header", "yes").doesNotContainKey("connection");
            assertThat(second.body()).isEqualTo("GET /b null ");
        }
    }

    @Test
    void assemblesChunkedRequestBodies() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /c null abcdefg");
        }
    }

    @Test
    void answersExpectContinueBeforeTheBody() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertThat(line(s.getInputStream())).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(line(s.getInputStream())).isEmpty();
            send(s, "ok");
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /e null ok");
        }
    }

    @Test
    void oversizedBodiesReachTheHandlerAsNullAndTheConnectionStaysUsable() throws Exception {
        start(8);
        String big = "x".repeat(100);
        try (Socket s = connect()) {
            send(s, "POST /big HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + big
                    + "POST /chunked-big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + big + "\r\n0\r\n\r\n"
                    + "GET /after HTTP/1.1\r\n\r\n");
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /big null too-large");
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /chunked-big null too-large");
            assertThat(read(s.getInputStream()).body()).isEqualTo("GET /after null ");
        }
    }

    @Test
    void streamsChunkedResponses() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.1\r\n\r\nGET /x HTTP/1.1\r\n\r\n");
            Reply r = read(s.getInputStream());
            assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
            assertThat(r.body()).isEqualTo("one two three");
            assertThat(read(s.getInputStream()).body()).isEqualTo("GET /x null ");
        }
    }

    @Test
    void http10AndConnectionCloseEndTheConnectionAfterTheResponse() throws Exception {
        start(8);
        for (String request : new String[] {"GET /a HTTP/1.0\r\n\r\n", "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n"}) {
            try (Socket s = connect()) {
                send(s, request);
                Reply r = read(s.getInputStream());
                assertThat(r.headers()).containsEntry("connection", "close");
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void malformedRequestsGet400AndAClosedConnection() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "NONSENSE\r\n\r\n");
            Reply r = read(s.getInputStream());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains(Messages.SRV_0853.id());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void whenAllThreadsAreTakenTheLongestIdleConnectionMakesRoom() throws Exception {
        start(4);
        Socket[] held = new Socket[4];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = connect();
                send(held[i], "GET /held HTTP/1.1\r\n\r\n");
                read(held[i].getInputStream()); // now idle, holding a thread
            }
            try (Socket fifth = connect()) {
                send(fifth, "GET /fifth HTTP/1.1\r\n\r\n");
                assertThat(read(fifth.getInputStream()).body()).isEqualTo("GET /fifth null ");
            }
            int closed = 0;
            for (Socket s : held) {
                s.setSoTimeout(300);
                try {
                    if (s.getInputStream().read() == -1) {
                        closed++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // kept
                }
            }
            assertThat(closed).as("idle connections closed to make room").isEqualTo(1);
        } finally {
            for (Socket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Test
    void stopClosesOpenConnectionsAndLeavesNoThreads() throws Exception {
        start(8);
        try (Socket s = connect()) {
            send(s, "GET /a HTTP/1.1\r\n\r\n");
            read(s.getInputStream());
            server.stop();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-loopback-"));
        server = null;
    }
}
