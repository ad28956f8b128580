package org.openjobspec.ee.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 that passes bytes through untouched and counts the fetch requests it sees (the request
 * line {@code POST /ojs/v1/workers/fetch}). It lets the benchmark count what an idle worker sends without any hook in
 * the worker or the server; both latency subjects go through one, so its cost (one loopback hop) is the same.
 */
final class CountingRelay implements AutoCloseable {

    private static final byte[] FETCH = "POST /ojs/v1/workers/fetch ".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong fetches = new AtomicLong();
    private volatile boolean closed;

    CountingRelay(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        daemon(this::accept, "relay-accept").start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    long fetches() {
        return fetches.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                daemon(() -> pipe(in, out, true), "relay-up").start();
                daemon(() -> pipe(out, in, false), "relay-down").start();
            } catch (IOException e) {
                if (!closed) {
                    Figures.progress("relay: %s", e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean count) {
        byte[] buf = new byte[16384];
        int matched = 0; // how much of FETCH the stream matched so far, carried across reads
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (count) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == FETCH[matched]) {
                            if (++matched == FETCH.length) {
                                fetches.incrementAndGet();
                                matched = 0;
                            }
                        } else {
                            matched = buf[i] == FETCH[0] ? 1 : 0;
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
