package org.openjobspec.ee.testing.internal.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request on a {@link LoopbackHttpServer} connection and the means to answer it (once). */
public final class Exchange {
    /** Request headers, case-insensitive, in arrival order. */
    public static final class Headers {
        private final List<String[]> entries = new ArrayList<>(12);

        void add(String name, String value) {
            entries.add(new String[] {name, value});
        }

        /** The first value of the header, or null. */
        public String first(String name) {
            for (String[] e : entries) {
                if (e[0].equalsIgnoreCase(name)) {
                    return e[1];
                }
            }
            return null;
        }

        public List<String[]> all() {
            return entries;
        }
    }

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final OutputStream out;
    private final Socket socket;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private boolean keepAlive;
    private byte[] body = new byte[0];
    private boolean bodyTooLarge;
    private boolean responded;
    private boolean dropAnswer;
    private ChunkedStream stream;

    Exchange(String method, String rawPath, String rawQuery, Headers headers, OutputStream out, Socket socket,
             boolean keepAlive) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.out = out;
        this.socket = socket;
        this.keepAlive = keepAlive;
    }

    public String method() {
        return method;
    }

    /** The path as sent (still percent-encoded), without the query. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string as sent, or null. */
    public String rawQuery() {
        return rawQuery;
    }

    public String header(String name) {
        return headers.first(name);
    }

    public Headers headers() {
        return headers;
    }

    /** The request body (empty when none), or null when it was larger than the server's limit. */
    public byte[] body() {
        return bodyTooLarge ? null : body;
    }

    /** Sets a response header (replacing one of the same name) for the coming response. */
    public Exchange responseHeader(String name, String value) {
        responseHeaders.put(name, value);
        return this;
    }

    /**
     * Whatever the handler answers is dropped and the connection reset instead: the request was handled, its answer
     * lost on the way (for tests of clients that must not do a thing twice when they try again).
     */
    public void dropAnswer() {
        this.dropAnswer = true;
    }

    /** Sends a complete response; {@code body} may be null for none. */
    public void respond(int status, byte[] body) throws IOException {
        if (dropAnswer) {
            abort(true);
            return;
        }
        begin(status);
        int length = body == null ? 0 : body.length;
        StringBuilder head = head(status);
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (length > 0 && !method.equals("HEAD")) {
            out.write(body);
        }
    }

    /**
     * Starts a chunked response and returns its body stream: each {@code flush()} sends what was written as
     * one chunk, {@code close()} ends the response (the connection may then serve further requests).
     */
    public OutputStream openStream(int status) throws IOException {
        if (dropAnswer) {
            abort(true);
            return OutputStream.nullOutputStream();
        }
        begin(status);
        StringBuilder head = head(status);
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        stream = new ChunkedStream(out);
        return stream;
    }

    /** Writes these bytes as they are (no status line added) and closes the connection: for broken answers. */
    public void sendRawAndClose(byte[] raw) throws IOException {
        begin(0);
        keepAlive = false;
        out.write(raw);
        out.flush();
    }

    /** Closes the connection without an answer; with {@code reset} the peer sees a TCP reset, not an orderly end. */
    public void abort(boolean reset) {
        begin(0);
        keepAlive = false;
        try {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    private void begin(int status) {
        if (responded) {
            throw new IllegalStateException("response already sent");
        }
        responded = true;
    }

    private StringBuilder head(int status) {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        responseHeaders.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection")) {
                h.append(k).append(": ").append(v).append("\r\n");
            }
        });
        if (!keepAlive) {
            h.append("Connection: close\r\n");
        }
        return h;
    }

    // ------------------------------------------------------------------ server side

    void body(byte[] bytes) {
        this.body = bytes;
    }

    void bodyTooLarge() {
        this.bodyTooLarge = true;
    }

    void closeAfterResponse() {
        this.keepAlive = false;
    }

    boolean closeAfter() {
        return !keepAlive;
    }

    /** After the handler: a handler that answered nothing gets a 500; an unclosed stream is ended. */
    void finish() throws IOException {
        if (!responded) {
            keepAlive = false;
            respond(500, null);
        } else if (stream != null) {
            stream.close();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }

    private static final class ChunkedStream extends OutputStream {
        private final OutputStream out;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        private boolean closed;

        ChunkedStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (pending.size() > 0) {
                out.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                pending.writeTo(out);
                out.write('\r');
                out.write('\n');
                pending.reset();
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            flush();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
