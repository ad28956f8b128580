package org.openjobspec.ee.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code liberty.worker.throughput}: the worker where users run it. One Open Liberty (the runtime of the integration
 * tests, on the default {@code java}, 127.0.0.1, a free port) runs a WAR with ojs-cdi, ojs-mp-rest and one no-op
 * {@code bench.noop} handler (concurrency 16, poll 50 ms, as {@code worker.throughput}), so the worker there uses
 * Liberty's own CDI, MicroProfile Config and MicroProfile Rest Client. A round: 20,000 jobs queued while the queue is
 * paused, jobs/s from resuming it until the server counts them all completed (asked every 5 ms, the only way to see
 * inside the container without changing the application). Baseline: in the same round the better of the two raw
 * Java 25 loops of {@code worker.throughput} ({@link RawRounds}), on the same server; who goes first alternates.
 */
final class LibertyThroughputBench {

    static final String QUEUE = "liberty";

    private LibertyThroughputBench() {
    }

    static void run() throws Exception {
        Optional<String> java25 = ChildProcess.java25();
        if (java25.isEmpty()) {
            Figures.skipped("liberty.worker.throughput", ChildProcess.noJava25());
            return;
        }
        Path wlp = Path.of(System.getProperty("liberty.wlp.dir", ""));
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("set -Dliberty.wlp.dir to an Open Liberty wlp directory (got " + wlp + ")");
        }
        Path work = Files.createTempDirectory("ojs-bench-liberty-throughput");
        Path classes = GeneratedHandlers.compileNoop(work.resolve("gen"));
        try (ChildProcess server = ChildProcess.ojsServer();
             ChildProcess raw = ChildProcess.roundServer(java25.get(), "raw-rounds", server.url().toString())) {
            RawOjs ojs = new RawOjs(server.url());
            Path war = LibertyDeployBench.war(work.resolve("throughput.war"), classes, server.url() + "\n"
                    + "ojs.worker.queues=" + QUEUE + "\n"
                    + "ojs.worker.concurrency=" + ThroughputBench.CONCURRENCY + "\n"
                    + "ojs.worker.poll-interval=PT0.05S\n", true);
            Path serverDir = LibertyDeployBench.createServer(wlp);
            LibertyDeployBench.server(wlp, "start");
            try {
                LibertyDeployBench.LogWatch log = new LibertyDeployBench.LogWatch(
                        serverDir.resolve("logs/messages.log"));
                log.await("CWWKF0011I", 120); // the server is ready
                Path tmp = serverDir.resolve("throughput.war.tmp");
                Files.copy(war, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, serverDir.resolve("dropins/throughput.war"), StandardCopyOption.ATOMIC_MOVE);
                String started = log.await("Application throughput ", 180, "CWWKZ0001I", "CWWKZ0002E", "CWWKZ0004E");
                if (!started.contains("CWWKZ0001I")) {
                    throw new IllegalStateException("the application did not start: " + started);
                }
                log.awaitSince("OJS-WRK-0001", 60); // its worker runs

                int warmups = Integer.getInteger("bench.throughput.warmups", 3);
                double[] liberty = new double[Figures.rounds()];
                double[] best = new double[Figures.rounds()];
                for (int r = 0; r < warmups + Figures.rounds(); r++) {
                    boolean rawFirst = r % 2 == 1;
                    double b = rawFirst ? bestRaw(raw) : 0;
                    double w = round(ojs);
                    b = rawFirst ? b : bestRaw(raw);
                    boolean warm = r < warmups;
                    Figures.progress("liberty throughput %s %d: worker in Liberty %.0f jobs/s, best raw loop (Java 25) %.0f/s",
                            warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, w, b);
                    if (!warm) {
                        liberty[r - warmups] = w;
                        best[r - warmups] = b;
                    }
                }
                Figures.print("liberty.worker.throughput", liberty, "jobs/s", best);
            } finally {
                LibertyDeployBench.server(wlp, "stop");
            }
        }
    }

    private static double bestRaw(ChildProcess raw) throws Exception {
        return Math.max(raw.askRate("fetch16 " + ThroughputBench.JOBS), raw.askRate("fetch1x16 " + ThroughputBench.JOBS));
    }

    /** Jobs per second of the worker inside Liberty, from resuming its queue until the server has all completed. */
    private static double round(RawOjs ojs) throws InterruptedException {
        int jobs = ThroughputBench.JOBS;
        ojs.reset();
        ojs.pause(QUEUE);
        ojs.seed(QUEUE, "bench.noop", jobs);
        long t0 = System.nanoTime();
        ojs.resume(QUEUE);
        long budget = t0 + TimeUnit.SECONDS.toNanos(ThroughputBench.ROUND_BUDGET_S);
        for (long completed; (completed = ojs.completed(QUEUE)) < jobs; ) {
            if (System.nanoTime() > budget) {
                // keeps bench/run within its time limit when the worker is slow; the rate so far is the figure
                Figures.progress("liberty round cut after %d s: %d of %d jobs completed",
                        ThroughputBench.ROUND_BUDGET_S, completed, jobs);
                return completed / ((System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(5);
        }
        return jobs / ((System.nanoTime() - t0) / 1e9);
    }
}
