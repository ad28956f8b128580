package org.openjobspec.ee.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw baselines, in a {@link RoundServer} JVM of their own, on Java 25 when {@code bench/run} found one: the
 * JDK's HTTP client there is about three times as fast as Java 17's, and a baseline is only honest when it is the
 * strongest hand-written client this machine has. {@code raw-rounds <server url> [<echo server url>]}; commands:
 * <ul>
 * <li>{@code fetch16 <jobs>}: the batch loop, fetch up to 16, then ack each of them in parallel;</li>
 * <li>{@code fetch1x16 <jobs>}: 16 independent loops, each fetching one job and acking it;</li>
 * <li>{@code echo <jobs>}: the batch loop against the echo server;</li>
 * <li>{@code enqueue <path> <body file> <jobs per call>}: 8 threads POSTing the body for a round
 * (see {@link EnqueueBench#rate}).</li>
 * </ul>
 * Every answer is a rate per second. The drain commands reset the server and queue exactly {@code jobs} jobs first
 * (untimed), and check afterwards that the server counts them all completed.
 */
final class RawRounds {

    static final String QUEUE = "raw";
    static final String WORKER_ID = "raw-loop";

    private final RawOjs ojs;
    private final RawOjs echo;
    /** The 16 loops of {@code fetch1x16}, made once: a round measures the loops, not starting threads. */
    private final ExecutorService loops = Executors.newFixedThreadPool(ThroughputBench.CONCURRENCY, daemon("raw-loop"));
    private final ExecutorService enqueuers = Executors.newFixedThreadPool(EnqueueBench.THREADS, daemon("raw-enqueue"));

    private RawRounds(URI server, URI echoServer) {
        ojs = new RawOjs(server);
        echo = echoServer == null ? null : new RawOjs(echoServer);
    }

    static void serve(URI server, URI echoServer) throws Exception {
        Figures.progress("raw loops on Java %s", Runtime.version());
        RawRounds raw = new RawRounds(server, echoServer);
        RoundServer.serve(command -> String.valueOf(raw.measure(command)));
    }

    private double measure(String[] command) throws Exception {
        return switch (command[0]) {
            case "fetch16" -> checked(Integer.parseInt(command[1]), jobs -> drain(ojs, QUEUE, jobs));
            case "fetch1x16" -> checked(Integer.parseInt(command[1]), this::drainSingly);
            case "echo" -> drain(echo, QUEUE, Integer.parseInt(command[1]));
            case "enqueue" -> {
                String path = command[1];
                EnqueueBench.FreshIds body = new EnqueueBench.FreshIds(Files.readString(Path.of(command[2])));
                yield EnqueueBench.rate(enqueuers, ojs, (t, i) -> EnqueueBench.send(ojs, path, body.next()),
                        Integer.parseInt(command[3]));
            }
            default -> throw new IllegalArgumentException("unknown command " + command[0]);
        };
    }

    interface Drain {
        double run(int jobs) throws Exception;
    }

    /** Queues {@code jobs} jobs on a reset server, drains them and checks that the server has them all completed. */
    private double checked(int jobs, Drain drain) throws Exception {
        ojs.reset();
        ojs.seed(QUEUE, "bench.noop", jobs);
        double rate = drain.run(jobs);
        long completed = ojs.completed(QUEUE);
        if (completed != jobs) {
            throw new IllegalStateException("raw loop completed " + completed + " of " + jobs);
        }
        return rate;
    }

    /** The batch loop: fetch up to 16, ack each (in parallel), until {@code jobs} are acked; jobs per second. */
    static double drain(RawOjs ojs, String queue, int jobs) {
        long t0 = System.nanoTime();
        int done = 0;
        while (done < jobs) {
            List<String> ids = ojs.fetch(queue, Math.min(ThroughputBench.CONCURRENCY, jobs - done), WORKER_ID);
            if (ids.isEmpty()) {
                throw new IllegalStateException("queue '" + queue + "' ran dry after " + done + " of " + jobs);
            }
            ojs.ackAll(ids, WORKER_ID);
            done += ids.size();
        }
        return jobs / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * 16 loops, each: fetch one job, ack it, until {@code jobs} are acked; jobs per second. Each loop claims a job
     * before it fetches, so together they fetch exactly {@code jobs} times and never find the queue empty.
     */
    private double drainSingly(int jobs) throws Exception {
        AtomicInteger unclaimed = new AtomicInteger(jobs);
        List<Future<?>> running = new ArrayList<>(ThroughputBench.CONCURRENCY);
        long t0 = System.nanoTime();
        for (int i = 0; i < ThroughputBench.CONCURRENCY; i++) {
            running.add(loops.submit(() -> {
                while (unclaimed.getAndDecrement() > 0) {
                    List<String> ids = ojs.fetch(QUEUE, 1, WORKER_ID);
                    if (ids.size() != 1) {
                        throw new IllegalStateException("a fetch of one job answered " + ids.size());
                    }
                    ojs.ack(ids.get(0), WORKER_ID);
                }
                return null;
            }));
        }
        for (Future<?> loop : running) {
            loop.get();
        }
        return jobs / ((System.nanoTime() - t0) / 1e9);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
