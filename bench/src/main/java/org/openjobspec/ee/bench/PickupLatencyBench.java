package org.openjobspec.ee.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.OjsClient;

/**
 * {@code worker.pickup_latency_p50/_p99}: time from {@code OjsClient.enqueue} returning to the handler starting, on
 * an idle worker (Weld SE, real extension, poll interval 100 ms: the most an idle worker may poll is 10 fetches/s),
 * one job at a time, with a random pause (0-100 ms, same sequence for both subjects) between jobs so that jobs
 * arrive at every phase of the poll cycle. Baseline: a raw {@code java.net.http} poll loop with the same poll rule
 * (fetch 16; when fewer came, wait the poll interval) against the same server. Also {@code worker.idle_fetch_rate}:
 * fetch requests per second of the idle worker over a 2 s window, counted on the wire by a relay.
 */
final class PickupLatencyBench {

    static final String WORKER_QUEUE = "pickup";
    static final String RAW_QUEUE = "pickup-raw";
    static final Duration POLL = Duration.parse(System.getProperty("bench.poll", "PT0.1S"));
    static final int SAMPLES = Integer.getInteger("bench.pickup.samples", 60);
    static final long IDLE_WINDOW_MS = 2000;

    private static final Map<String, CompletableFuture<Long>> STARTS = new ConcurrentHashMap<>();

    private PickupLatencyBench() {
    }

    static void handlerStarted(String jobId, long nanos) {
        STARTS.computeIfAbsent(jobId, id -> new CompletableFuture<>()).complete(nanos);
    }

    static void run() throws Exception {
        int rounds = Integer.getInteger("bench.pickup.rounds", 3);
        try (ChildProcess server = ChildProcess.ojsServer();
             CountingRelay workerWire = new CountingRelay(server.url());
             CountingRelay rawWire = new CountingRelay(server.url());
             OjsClient client = OjsClient.builder().url(server.url()).build();
             WeldWorker worker = WeldWorker.boot(Map.of(
                     "ojs.url", workerWire.url().toString(),
                     "ojs.worker.queues", WORKER_QUEUE,
                     "ojs.worker.concurrency", "16",
                     "ojs.worker.poll-interval", POLL.toString()), BenchHandlers.class);
             RawPoller raw = new RawPoller(new RawOjs(rawWire.url()))) {
            double[][] p50 = new double[2][rounds];
            double[][] p99 = new double[2][rounds];
            double[][] idle = new double[2][rounds];
            for (int r = -Figures.warmups(); r < rounds; r++) {
                long w0 = workerWire.fetches();
                long r0 = rawWire.fetches();
                Thread.sleep(IDLE_WINDOW_MS);
                double workerIdle = (workerWire.fetches() - w0) * 1000.0 / IDLE_WINDOW_MS;
                double rawIdle = (rawWire.fetches() - r0) * 1000.0 / IDLE_WINDOW_MS;
                int n = r < 0 ? SAMPLES / 4 : SAMPLES;
                double[] w = latencies(client, WORKER_QUEUE, n);
                double[] b = latencies(client, RAW_QUEUE, n);
                Figures.progress("pickup %s: worker p50 %.1f p99 %.1f ms, idle %.1f fetch/s; raw p50 %.1f p99 %.1f ms,"
                        + " idle %.1f fetch/s", r < 0 ? "warm-up" : "round " + (r + 1), pct(w, 50), pct(w, 99),
                        workerIdle, pct(b, 50), pct(b, 99), rawIdle);
                if (r >= 0) {
                    p50[0][r] = pct(w, 50);
                    p50[1][r] = pct(b, 50);
                    p99[0][r] = pct(w, 99);
                    p99[1][r] = pct(b, 99);
                    idle[0][r] = workerIdle;
                    idle[1][r] = rawIdle;
                }
            }
            Figures.print("worker.pickup_latency_p50", p50[0], "ms", p50[1]);
            Figures.print("worker.pickup_latency_p99", p99[0], "ms", p99[1]);
            Figures.print("worker.idle_fetch_rate", idle[0], "req/s", idle[1]);
        }
    }

    /** Milliseconds from enqueue returning to handler start, for {@code n} jobs enqueued one at a time. */
    static double[] latencies(OjsClient client, String queue, int n) throws Exception {
        Random gaps = new Random(42);
        double[] ms = new double[n];
        EnqueueOptions options = EnqueueOptions.defaults().queue(queue);
        for (int i = 0; i < n; i++) {
            String id = client.enqueue("bench.pickup", JobArgs.of(i), options).id();
            long enqueued = System.nanoTime();
            long started = STARTS.computeIfAbsent(id, k -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
            STARTS.remove(id);
            ms[i] = (started - enqueued) / 1e6;
            Thread.sleep(gaps.nextInt(100));
        }
        return ms;
    }

    /** Percentile with linear interpolation between order statistics. */
    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    /** The baseline: a minimal poll loop with the worker's poll rule, "handling" a job by noting when it got it. */
    static final class RawPoller implements AutoCloseable {
        private final RawOjs ojs;
        private final Thread thread;
        private volatile boolean stop;

        RawPoller(RawOjs ojs) {
            this.ojs = ojs;
            thread = new Thread(this::loop, "raw-poller");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (!stop) {
                try {
                    List<String> ids = ojs.fetch(RAW_QUEUE, 16, "raw-poller");
                    long now = System.nanoTime();
                    for (String id : ids) {
                        handlerStarted(id, now);
                    }
                    for (String id : ids) {
                        ojs.ack(id, "raw-poller");
                    }
                    if (ids.size() < 16) {
                        Thread.sleep(POLL.toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!stop) {
                        Figures.progress("raw poller: %s", e);
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.interrupt();
            thread.join(2000);
        }
    }
}
