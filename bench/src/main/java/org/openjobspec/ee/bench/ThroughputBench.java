package org.openjobspec.ee.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code worker.throughput} and {@code server.fetch_ack}, in one JVM against one standalone OJS server, rounds
 * interleaved: (a) the worker (Weld SE, real extension, no-op handler, concurrency 16) drains 20,000 queued jobs;
 * (b) the raw loop ({@code java.net.http}: fetch count 16, then ack each, the 16 acks in parallel) drains 20,000 jobs
 * from the same server; (c) the same raw loop against the echo server (the bare JDK HTTP server).
 * (b) is both the worker's baseline and the server's own figure; (c) is the server's baseline.
 */
final class ThroughputBench {

    static final int JOBS = Integer.getInteger("bench.jobs", 20_000);
    static final int CONCURRENCY = 16;
    static final String WORKER_QUEUE = "bench";
    static final String RAW_QUEUE = "raw";
    static final long ROUND_BUDGET_S = Long.getLong("bench.roundBudgetSeconds", 12);

    private ThroughputBench() {
    }

    static void run() throws Exception {
        try (ChildProcess server = ChildProcess.ojsServer()) {
            RawOjs ojs = new RawOjs(server.url());
            try (ChildProcess echo = startEcho(ojs);
                 WeldWorker worker = WeldWorker.boot(Map.of(
                         "ojs.url", server.url().toString(),
                         "ojs.worker.queues", WORKER_QUEUE,
                         "ojs.worker.concurrency", String.valueOf(CONCURRENCY),
                         "ojs.worker.poll-interval", "PT0.05S"), BenchHandlers.class)) {
                RawOjs echoOjs = new RawOjs(echo.url());
                int warmups = Integer.getInteger("bench.throughput.warmups", 3);
                int total = warmups + Figures.rounds();
                double[] workerRates = new double[Figures.rounds()];
                double[] rawRates = new double[Figures.rounds()];
                double[] echoRates = new double[Figures.rounds()];
                for (int r = 0; r < total; r++) {
                    double w = workerRound(ojs, WORKER_QUEUE);
                    double raw = rawRound(ojs);
                    double e = drain(echoOjs, RAW_QUEUE, JOBS);
                    boolean warm = r < warmups;
                    Figures.progress("throughput %s %d: worker %.0f jobs/s, raw loop %.0f/s, raw loop on echo %.0f/s",
                            warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, w, raw, e);
                    if (!warm) {
                        int i = r - warmups;
                        workerRates[i] = w;
                        rawRates[i] = raw;
                        echoRates[i] = e;
                    }
                }
                Figures.print("worker.throughput", workerRates, "jobs/s", rawRates);
                Figures.print("server.fetch_ack", rawRates, "cycles/s", echoRates);
            }
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

    static double rawRound(RawOjs ojs) {
        ojs.reset();
        ojs.seed(RAW_QUEUE, "bench.noop", JOBS);
        double rate = drain(ojs, RAW_QUEUE, JOBS);
        long completed = ojs.completed(RAW_QUEUE);
        if (completed != JOBS) {
            throw new IllegalStateException("raw loop completed " + completed + " of " + JOBS);
        }
        return rate;
    }

    /** The raw loop: fetch up to 16, ack each (in parallel), until {@code jobs} are acked; jobs per second. */
    static double drain(RawOjs ojs, String queue, int jobs) {
        long t0 = System.nanoTime();
        int done = 0;
        while (done < jobs) {
            List<String> ids = ojs.fetch(queue, Math.min(CONCURRENCY, jobs - done), "raw-loop");
            if (ids.isEmpty()) {
                throw new IllegalStateException("queue '" + queue + "' ran dry after " + done + " of " + jobs);
            }
            ojs.ackAll(ids, "raw-loop");
            done += ids.size();
        }
        return jobs / ((System.nanoTime() - t0) / 1e9);
    }

    /** Records one real fetch answer of 16 jobs and one real ack answer, and serves them from the echo server. */
    private static ChildProcess startEcho(RawOjs ojs) throws Exception {
        ojs.reset();
        ojs.seed(RAW_QUEUE, "bench.noop", CONCURRENCY);
        HttpResponse<String> fetched = ojs.http.send(ojs.request("/ojs/v1/workers/fetch",
                RawOjs.fetchBody(RAW_QUEUE, CONCURRENCY, "raw-loop")), HttpResponse.BodyHandlers.ofString());
        List<String> ids = RawOjs.ids(fetched);
        if (ids.size() != CONCURRENCY) {
            throw new IllegalStateException("expected " + CONCURRENCY + " jobs, fetched " + ids.size());
        }
        String acked = ojs.post("/ojs/v1/workers/ack", RawOjs.ackBody(ids.get(0), "raw-loop"));
        Path dir = Files.createTempDirectory("ojs-bench-echo");
        Path fetchFile = Files.writeString(dir.resolve("fetch.json"), fetched.body());
        Path ackFile = Files.writeString(dir.resolve("ack.json"), acked);
        ojs.reset();
        return ChildProcess.startAndWaitForUrl(List.of(ChildProcess.java(), "-cp",
                System.getProperty("java.class.path"), Bench.class.getName(), "echo-server",
                fetchFile.toString(), ackFile.toString()));
    }

}
