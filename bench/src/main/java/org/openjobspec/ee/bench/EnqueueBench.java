package org.openjobspec.ee.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;

/**
 * {@code client.enqueue} (single enqueues from 8 threads through {@link OjsClient}, in this JVM on Java 17) and
 * {@code client.enqueue_batch} (batches of 100 from 8 threads), each against raw {@code java.net.http} POSTs of the
 * very bytes the client sends (recorded once through a forwarding proxy) from 8 threads in a JVM on Java 25
 * ({@link RawRounds}), whose HTTP client is the strongest this machine has. One standalone OJS server, reset before
 * every round. Without Java 25 both figures are skipped.
 */
final class EnqueueBench {

    static final int THREADS = 8;
    static final long ROUND_MILLIS = Long.getLong("bench.enqueue.roundMillis", 2000);
    static final int BATCH = 100;
    static final String QUEUE = "enqueue";

    private EnqueueBench() {
    }

    /** One timed call; false when its answer was lost to the JDK client race (see {@link RawOjs#lostToPoolRace}). */
    interface Call {
        boolean run(int thread, int i) throws Exception;
    }

    static void run() throws Exception {
        Optional<String> java25 = ChildProcess.java25();
        if (java25.isEmpty()) {
            Figures.skipped("client.enqueue", ChildProcess.noJava25());
            Figures.skipped("client.enqueue_batch", ChildProcess.noJava25());
            return;
        }
        try (ChildProcess server = ChildProcess.ojsServer();
             OjsClient client = OjsClient.builder().url(server.url()).build();
             ChildProcess rawLoops = ChildProcess.roundServer(java25.get(), "raw-rounds", server.url().toString())) {
            RawOjs raw = new RawOjs(server.url());
            EnqueueOptions options = EnqueueOptions.defaults().queue(QUEUE);
            List<JobSpec> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(JobSpec.of("bench.noop", JobArgs.of("user" + i + "@example.com", i), options));
            }
            Map<String, String> wire = recordWire(server.url(), options, batch);
            String single = wire.get("/ojs/v1/jobs");
            String batchBody = wire.get("/ojs/v1/jobs/batch");
            Figures.progress("client sends %d bytes per enqueue and %d per batch of %d", single.length(),
                    batchBody.length(), BATCH);
            Path bodies = Files.createTempDirectory("ojs-bench-enqueue");
            Path singleFile = Files.writeString(bodies.resolve("single.json"), single);
            Path batchFile = Files.writeString(bodies.resolve("batch.json"), batchBody);

            Call clientSingle = (t, i) -> client.enqueue("bench.noop", JobArgs.of("user" + i + "@example.com", i),
                    options) != null;
            Call clientBatch = (t, i) -> client.enqueueBatch(batch).size() == BATCH;
            // the raw loops send the recorded bytes (fresh job ids) from their JVM on Java 25
            Rate rawSingle = () -> rawLoops.askRate("enqueue /ojs/v1/jobs " + singleFile + " 1");
            Rate rawBatch = () -> rawLoops.askRate("enqueue /ojs/v1/jobs/batch " + batchFile + " " + BATCH);

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                // the client's stack (RESTEasy, Apache HttpClient, Yasson) needs far more JIT warm-up than the raw loop
                int warmups = Integer.getInteger("bench.enqueue.warmups", 5);
                int total = warmups + Figures.rounds();
                double[][] single2 = new double[2][Figures.rounds()];
                double[][] batch2 = new double[2][Figures.rounds()];
                for (int r = 0; r < total; r++) {
                    // the server keeps warming up across rounds: alternate who goes first so neither always gains
                    boolean rawFirst = r % 2 == 1;
                    double[] singles = pair(rawFirst, () -> rate(pool, raw, clientSingle, 1), rawSingle);
                    double[] batches = pair(rawFirst, () -> rate(pool, raw, clientBatch, BATCH), rawBatch);
                    double c = singles[0];
                    double b = singles[1];
                    double cb = batches[0];
                    double bb = batches[1];
                    boolean warm = r < warmups;
                    Figures.progress("enqueue %s %d: client %.0f/s, raw (Java 25) %.0f/s; batch client %.0f jobs/s, raw %.0f jobs/s",
                            warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, c, b, cb, bb);
                    if (!warm) {
                        int i = r - warmups;
                        single2[0][i] = c;
                        single2[1][i] = b;
                        batch2[0][i] = cb;
                        batch2[1][i] = bb;
                    }
                }
                Figures.print("client.enqueue", single2[0], "jobs/s", single2[1]);
                Figures.print("client.enqueue_batch", batch2[0], "jobs/s", batch2[1]);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    interface Rate {
        double measure() throws Exception;
    }

    /** Measures both, the raw one first when asked; returns {client, raw}. */
    static double[] pair(boolean rawFirst, Rate client, Rate raw) throws Exception {
        double rawRate = rawFirst ? raw.measure() : 0;
        double clientRate = client.measure();
        return new double[] {clientRate, rawFirst ? rawRate : raw.measure()};
    }

    /**
     * Jobs per second of 8 threads calling {@code call} for {@link #ROUND_MILLIS} (each finishes the call it is in),
     * each call enqueuing {@code jobsPerCall} jobs; checked against the number of jobs the server holds. Calls whose
     * answer was lost count as not done, and the server may or may not hold their jobs.
     */
    static double rate(ExecutorService pool, RawOjs raw, Call call, int jobsPerCall) throws Exception {
        raw.reset();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> done = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                int answered = 0;
                int lost = 0;
                while (System.nanoTime() < deadline[0]) {
                    if (call.run(thread, thread * 1_000_000 + answered + lost)) {
                        answered++;
                    } else {
                        lost++;
                    }
                }
                return new int[] {answered, lost};
            }));
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS);
        start.countDown();
        long calls = 0;
        long lost = 0;
        for (Future<int[]> f : done) {
            int[] counts = f.get();
            calls += counts[0];
            lost += counts[1];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long jobs = calls * jobsPerCall;
        long stored = raw.queueCount(QUEUE, "available");
        if (stored < jobs || stored > jobs + lost * jobsPerCall) {
            throw new IllegalStateException("expected " + jobs + " jobs on the server (+ up to " + lost * jobsPerCall
                    + " of lost answers), found " + stored);
        }
        if (lost > 0) {
            Figures.progress("%d of %d raw calls lost their answer to JDK-8338569 (not counted)", lost, calls + lost);
        }
        return jobs / seconds;
    }

    /**
     * A recorded body with a fresh job id in place of each recorded one: the client fixes a new id per job before it
     * sends (so that a retry cannot enqueue twice), and the server refuses an id it holds with 409.
     */
    static final class FreshIds {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\":\"[0-9a-f-]{36}\"");
        private final String[] parts;
        private final int length;

        FreshIds(String body) {
            parts = ID.split(body, -1);
            length = body.length();
        }

        String next() {
            StringBuilder b = new StringBuilder(length).append(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                b.append("\"id\":\"").append(org.openjobspec.ee.rest.Uuid7.next()).append('"').append(parts[i]);
            }
            return b.toString();
        }
    }

    static boolean send(RawOjs raw, String path, String body) throws Exception {
        HttpResponse<Void> r;
        try {
            r = raw.http.send(raw.request(path, body), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            if (RawOjs.lostToPoolRace(e)) {
                return false;
            }
            throw e;
        }
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode());
        }
        return true;
    }

    /** The request bodies the client really sends, by path, recorded through a forwarding proxy. */
    static Map<String, String> recordWire(URI server, EnqueueOptions options, List<JobSpec> batch) throws Exception {
        Map<String, String> bodies = new ConcurrentHashMap<>();
        RawOjs upstream = new RawOjs(server);
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        proxy.createContext("/", ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = ex.getRequestURI().getPath();
            bodies.put(path, body);
            HttpRequest.Builder fwd = HttpRequest.newBuilder(server.resolve(ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofString(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!List.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade")
                        .contains(name.toLowerCase())) {
                    values.forEach(v -> fwd.header(name, v));
                }
            });
            try {
                HttpResponse<byte[]> r = upstream.http.send(fwd.build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
                ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
            }
        });
        proxy.start();
        try (OjsClient recorder = OjsClient.builder()
                .url(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort())).build()) {
            recorder.enqueue("bench.noop", JobArgs.of("user0@example.com", 0), options);
            recorder.enqueueBatch(batch);
        } finally {
            proxy.stop(0);
        }
        if (!bodies.containsKey("/ojs/v1/jobs") || !bodies.containsKey("/ojs/v1/jobs/batch")) {
            throw new IllegalStateException("client used other paths than expected: " + bodies.keySet());
        }
        return bodies;
    }
}
