package org.openjobspec.ee.testing.internal.server;

import org.openjobspec.ee.testing.internal.Messages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small blocking HTTP/1.1 server on 127.0.0.1: one pooled thread per keep-alive connection reads a request,
 * lets the handler answer it on the same thread and reads the next one. Compared with the JDK's HttpServer
 * this saves two thread handoffs per request (selector to executor and back), which is most of the latency
 * of the short requests a worker makes (fetch, ack, heartbeat).
 * <p>
 * Request bodies come with Content-Length or chunked; responses are sized, or chunked for streams (SSE).
 * Threads are bounded: when all are taken, the connection idle the longest is closed to make room, and only
 * when none is idle does a new connection get 503. {@link #stop()} closes every socket and returns when all
 * threads have ended.
 */
public final class LoopbackHttpServer {
    /** Answers one request; must call {@link Exchange#respond} or {@link Exchange#openStream} exactly once. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(LoopbackHttpServer.class.getName());
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final long DRAIN_LIMIT = 64L << 20;

    private final ServerSocket socket;
    private final Handler handler;
    private final int maxBody;
    private final int idleTimeoutMs;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * Binds 127.0.0.1:{@code port} (0 = free port) and starts accepting.
     *
     * @param maxBody request bodies above this many bytes reach the handler as {@link Exchange#body()} null
     */
    public LoopbackHttpServer(int port, Handler handler, int maxThreads, int maxBody, int idleTimeoutMs,
                              String threadPrefix) throws IOException {
        this.handler = handler;
        this.maxBody = maxBody;
        this.idleTimeoutMs = idleTimeoutMs;
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, threadPrefix + "conn-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, threadPrefix + "accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Stops accepting, closes every connection (streams included) and waits for all threads to end. */
    public void stop() {
        stopped = true;
        closeQuietly(socket);
        connections.forEach(Connection::close);
        pool.shutdownNow();
        try {
            acceptor.join(5000);
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, Messages.SRV_0850 + ": HTTP threads still running 5 s after stop");
            }
            for (Thread t : threads) {
                t.join(1000); // the pool reports termination a moment before its threads have ended
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!stopped) {
                    LOG.log(System.Logger.Level.WARNING, Messages.SRV_0851 + ": accept failed: " + e);
                    pauseAfterFailure(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            Connection c = new Connection(s);
            connections.add(c);
            if (!submit(c)) {
                c.reject();
            }
        }
    }

    private static void pauseAfterFailure() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the connection to a thread; when all are taken, closes the longest-idle connection for it. */
    private boolean submit(Connection c) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long lastEviction = 0;
        boolean evicted = false;
        while (!stopped && System.nanoTime() - deadline < 0) {
            try {
                pool.execute(c);
                return true;
            } catch (RejectedExecutionException full) {
                // one victim at a time: give its thread a moment to come back before closing another
                if (!evicted || System.nanoTime() - lastEviction > 200_000_000L) {
                    Connection idle = null;
                    for (Connection o : connections) {
                        if (o.idle && (idle == null || o.idleSince - idle.idleSince < 0)) {
                            idle = o;
                        }
                    }
                    if (idle == null) {
                        return false;
                    }
                    idle.idle = false;
                    idle.close(); // its thread sees the closed socket and returns to the pool
                    evicted = true;
                    lastEviction = System.nanoTime();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One accepted socket and the loop serving its requests in order. */
    private final class Connection implements Runnable {
        private final Socket s;
        /** Whether the connection waits for its next request, and since when (System.nanoTime). */
        volatile boolean idle;
        volatile long idleSince = System.nanoTime();

        Connection(Socket s) {
            this.s = s;
        }

        void close() {
            closeQuietly(s);
        }

        void reject() {
            try (s) {
                s.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // the client is gone already
            } finally {
                connections.remove(this);
            }
        }

        @Override
        public void run() {
            try {
                s.setTcpNoDelay(true); // without it small responses wait ~40 ms for delayed ACKs
                s.setSoTimeout(idleTimeoutMs);
                InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16384);
                while (!stopped) {
                    idleSince = System.nanoTime();
                    idle = true;
                    Exchange ex = read(in, out);
                    idle = false;
                    if (ex == null) {
                        break;
                    }
                    try {
                        handler.handle(ex);
                    } finally {
                        ex.finish();
                    }
                    out.flush();
                    if (ex.closeAfter()) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | SocketException idleOrClosed) {
                // idle keep-alive connection timed out, or the client/stop closed it
            } catch (IOException e) {
                if (!stopped) {
                    LOG.log(System.Logger.Level.DEBUG, Messages.SRV_0852 + ": connection dropped: " + e);
                }
            } finally {
                close();
                connections.remove(this);
            }
        }

        private Exchange read(InputStream in, OutputStream out) throws IOException {
            String requestLine = line(in, true);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in, true); // tolerate stray CRLF between requests
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                badRequest(out, "malformed request line");
            }
            Exchange.Headers headers = new Exchange.Headers();
            for (int i = 0; ; i++) {
                String h = line(in, false);
                if (h.isEmpty()) {
                    break;
                }
                int colon = h.indexOf(':');
                if (colon <= 0 || i >= MAX_HEADERS) {
                    badRequest(out, "malformed or too many headers");
                }
                headers.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
            boolean http10 = parts[2].equals("HTTP/1.0");
            String connection = headers.first("Connection");
            boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(connection)
                    : connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("close");
            if ("100-continue".equalsIgnoreCase(headers.first("Expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            String target = parts[1];
            int q = target.indexOf('?');
            Exchange ex = new Exchange(parts[0], q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1), headers, out, s, keepAlive);
            String te = headers.first("Transfer-Encoding");
            if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                readChunked(in, ex);
            } else {
                String cl = headers.first("Content-Length");
                long length;
                try {
                    length = cl == null ? 0 : Long.parseLong(cl.trim());
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length < 0) {
                    badRequest(out, "bad Content-Length");
                }
                if (length > maxBody) {
                    ex.bodyTooLarge();
                    if (length > DRAIN_LIMIT) {
                        ex.closeAfterResponse();
                    } else {
                        in.skipNBytes(length);
                    }
                } else {
                    ex.body(in.readNBytes((int) length));
                    if (ex.body().length < length) {
                        throw new IOException("request body ended early");
                    }
                }
            }
            return ex;
        }

        private void readChunked(InputStream in, Exchange ex) throws IOException {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            long total = 0;
            while (true) {
                String size = line(in, false);
                int semi = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad chunk size");
                }
                if (n == 0) {
                    while (!line(in, false).isEmpty()) {
                        // trailers are ignored
                    }
                    break;
                }
                total += n;
                if (total > DRAIN_LIMIT) {
                    throw new BadRequest("chunked body too large");
                }
                if (total > maxBody) {
                    in.skipNBytes(n);
                } else {
                    buf.write(in.readNBytes((int) n));
                }
                line(in, false);
            }
            if (total > maxBody) {
                ex.bodyTooLarge();
            } else {
                ex.body(buf.toByteArray());
            }
        }

        private void badRequest(OutputStream out, String why) throws IOException {
            byte[] body = ("{\"error\":{\"code\":\"invalid_request\",\"message\":\"" + Messages.SRV_0853 + ": Bad HTTP request: "
                    + why + ".\",\"retryable\":false}}").getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            throw new BadRequest(why);
        }
    }

    /** Reads one CRLF- (or LF-) terminated line; null at a clean end of stream when {@code eofOk}. */
    private static String line(InputStream in, boolean eofOk) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (eofOk && sb.length() == 0) {
                    return null;
                }
                throw new IOException("connection closed mid-request");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new BadRequest("line too long");
            }
            sb.append((char) b);
        }
    }

    private static final class BadRequest extends IOException {
        BadRequest(String why) {
            super(why);
        }
    }
}
