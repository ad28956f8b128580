package org.openjobspec.ee.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code worker.throughput} and {@code server.fetch_ack}, against one standalone OJS server, rounds interleaved
 * (their order reversed every other round):
 * <ul>
 * <li>the worker (Weld SE, real extension, no-op handler, concurrency 16) drains 20,000 queued jobs, once in this JVM
 * (Java 17, the default {@code java}) and once in a child JVM on Java 25 with the same class path and options;</li>
 * <li>the raw loops, in a child JVM on Java 25 ({@link RawRounds}), drain 20,000 jobs in both designs: fetch up to 16
 * then ack each in parallel, and 16 independent fetch-one/ack loops; the better of the two in each round is the
 * baseline of both worker figures;</li>
 * <li>the batch loop against the echo server (the bare HTTP layer of the server), the baseline of
 * {@code server.fetch_ack} (the batch loop against the real server).</li>
 * </ul>
 * Without Java 25 only {@code server.fetch_ack} is measured (its loops then run on this JVM's Java).
 */
final class ThroughputBench {

    static final int JOBS = Integer.getInteger("bench.jobs", 20_000);
    static final int CONCURRENCY = 16;
    static final String WORKER_QUEUE = "bench";
    static final String WORKER25_QUEUE = "bench25";
    static final long ROUND_BUDGET_S = Long.getLong("bench.roundBudgetSeconds", 12);

    private ThroughputBench() {
    }

    static void run() throws Exception {
        Optional<String> java25 = ChildProcess.java25();
        try (ChildProcess server = ChildProcess.ojsServer()) {
            RawOjs ojs = new RawOjs(server.url());
            try (ChildProcess echo = startEcho(ojs);
                 ChildProcess raw = ChildProcess.roundServer(java25.orElse(ChildProcess.java()),
                         "raw-rounds", server.url().toString(), echo.url().toString());
                 ChildProcess worker25 = java25.isEmpty() ? null : ChildProcess.roundServer(java25.get(),
                         "worker-rounds", server.url().toString(), WORKER25_QUEUE);
                 WeldWorker worker = java25.isEmpty() ? null
                         : WeldWorker.boot(workerConfig(server.url(), WORKER_QUEUE), BenchHandlers.class)) {
                // name -> one round of it; every round runs all of them, in this order or the reverse
                Map<String, Measure> measures = new LinkedHashMap<>();
                if (worker25 != null) {
                    measures.put("worker on Java 17", () -> workerRound(ojs, WORKER_QUEUE));
                    measures.put("worker on Java 25", () -> worker25.askRate("worker"));
                    measures.put("raw fetch16", () -> raw.askRate("fetch16 " + JOBS));
                    measures.put("raw fetch1x16", () -> raw.askRate("fetch1x16 " + JOBS));
                } else {
                    measures.put("raw fetch16", () -> raw.askRate("fetch16 " + JOBS));
                }
                measures.put("raw fetch16 on echo", () -> raw.askRate("echo " + JOBS));
                Map<String, double[]> rates = rounds(measures);

                double[] fetch16 = rates.get("raw fetch16");
                if (worker25 != null) {
                    double[] fetch1 = rates.get("raw fetch1x16");
                    double[] best = new double[fetch16.length];
                    for (int i = 0; i < best.length; i++) {
                        best[i] = Math.max(fetch16[i], fetch1[i]);
                    }
                    Figures.print("worker.throughput", rates.get("worker on Java 25"), "jobs/s", best);
                    Figures.print("worker.throughput_java17", rates.get("worker on Java 17"), "jobs/s", best);
                    Figures.print("raw.fetch16_parallel_acks", fetch16, "jobs/s", best);
                    Figures.print("raw.fetch1_ack_x16", fetch1, "jobs/s", best);
                } else {
                    for (String name : List.of("worker.throughput", "worker.throughput_java17",
                            "raw.fetch16_parallel_acks", "raw.fetch1_ack_x16")) {
                        Figures.skipped(name, ChildProcess.noJava25());
                    }
                }
                Figures.print("server.fetch_ack", fetch16, "cycles/s", rates.get("raw fetch16 on echo"));
            }
        }
    }

    interface Measure {
        double round() throws Exception;
    }

    /**
     * Warm-up rounds, then {@link Figures#rounds()} measured ones; each runs every measure once, in the given order
     * in even rounds and the reverse in odd ones, so that none always follows the same one. Returns the measured
     * rates by name.
     */
    private static Map<String, double[]> rounds(Map<String, Measure> measures) throws Exception {
        int warmups = Integer.getInteger("bench.throughput.warmups", 3);
        Map<String, double[]> rates = new LinkedHashMap<>();
        measures.keySet().forEach(name -> rates.put(name, new double[Figures.rounds()]));
        for (int r = 0; r < warmups + Figures.rounds(); r++) {
            List<String> order = new ArrayList<>(measures.keySet());
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            Map<String, Double> round = new LinkedHashMap<>();
            for (String name : order) {
                round.put(name, measures.get(name).round());
            }
            boolean warm = r < warmups;
            StringBuilder line = new StringBuilder();
            round.forEach((name, rate) -> line.append(String.format(Locale.ROOT, "; %s %.0f/s", name, rate)));
            Figures.progress("throughput %s %d%s", warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, line);
            if (!warm) {
                int i = r - warmups;
                round.forEach((name, rate) -> rates.get(name)[i] = rate);
            }
        }
        return rates;
    }

    /** The worker's configuration, the same in this JVM and in the one on Java 25. */
    static Map<String, String> workerConfig(URI server, String queue) {
        return Map.of(
                "ojs.url", server.toString(),
                "ojs.worker.queues", queue,
                "ojs.worker.concurrency", String.valueOf(CONCURRENCY),
                "ojs.worker.poll-interval", "PT0.05S");
    }

    /** {@code worker-rounds <server url> <queue>}: the worker in a JVM of its own, one round per command. */
    static void serveWorker(URI server, String queue) throws Exception {
        Figures.progress("worker on Java %s", Runtime.version());
        RawOjs ojs = new RawOjs(server);
        try (WeldWorker worker = WeldWorker.boot(workerConfig(server, queue), BenchHandlers.class)) {
            RoundServer.serve(command -> {
                if (!command[0].equals("worker")) {
                    throw new IllegalArgumentException("unknown command " + command[0]);
                }
                return String.valueOf(workerRound(ojs, queue));
            });
        }
    }

    /** Jobs per second from resuming {@code queue} (20,000 jobs queued, its worker idle) to the last ack. */
    static double workerRound(RawOjs ojs, String queue) throws InterruptedException {
        ojs.reset();
        ojs.pause(queue);
        ojs.seed(queue, "bench.noop", JOBS);
        long before = BenchHandlers.NOOPS.get();
        long t0 = System.nanoTime();
        ojs.resume(queue);
        long budget = t0 + TimeUnit.SECONDS.toNanos(ROUND_BUDGET_S);
        // the handlers' own count first (free), then the server's completed count for the last acks (one call each
        // 2 ms, only in the tail), so that watching does not load the server being measured
        while (BenchHandlers.NOOPS.get() - before < JOBS) {
            if (System.nanoTime() > budget) {
                // keeps bench/run within its time limit when the worker is slow; the rate so far is the figure
                long ran = BenchHandlers.NOOPS.get() - before;
                double rate = ran / ((System.nanoTime() - t0) / 1e9);
                Figures.progress("worker round cut after %d s: %d of %d jobs run", ROUND_BUDGET_S, ran, JOBS);
                return rate;
            }
            Thread.sleep(1);
        }
        while (ojs.completed(queue) < JOBS) {
            if (System.nanoTime() > budget + TimeUnit.SECONDS.toNanos(30)) {
                throw new IllegalStateException("worker ran all " + JOBS + " jobs but did not ack them within 30 s");
            }
            Thread.sleep(2);
        }
        return JOBS / ((System.nanoTime() - t0) / 1e9);
    }

    /** Records one real fetch answer of 16 jobs and one real ack answer, and serves them from the echo server. */
    private static ChildProcess startEcho(RawOjs ojs) throws Exception {
        ojs.reset();
        ojs.seed(RawRounds.QUEUE, "bench.noop", CONCURRENCY);
        HttpResponse<String> fetched = ojs.http.send(ojs.request("/ojs/v1/workers/fetch",
                RawOjs.fetchBody(RawRounds.QUEUE, CONCURRENCY, RawRounds.WORKER_ID)), HttpResponse.BodyHandlers.ofString());
        List<String> ids = RawOjs.ids(fetched);
        if (ids.size() != CONCURRENCY) {
            throw new IllegalStateException("expected " + CONCURRENCY + " jobs, fetched " + ids.size());
        }
        String acked = ojs.post("/ojs/v1/workers/ack", RawOjs.ackBody(ids.get(0), RawRounds.WORKER_ID));
        Path dir = Files.createTempDirectory("ojs-bench-echo");
        Path fetchFile = Files.writeString(dir.resolve("fetch.json"), fetched.body());
        Path ackFile = Files.writeString(dir.resolve("ack.json"), acked);
        ojs.reset();
        return ChildProcess.startAndWaitForUrl(List.of(ChildProcess.java(), "-cp",
                System.getProperty("java.class.path"), Bench.class.getName(), "echo-server",
                fetchFile.toString(), ackFile.toString()));
    }

}
