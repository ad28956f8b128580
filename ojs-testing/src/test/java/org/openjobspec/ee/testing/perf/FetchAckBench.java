package org.openjobspec.ee.testing.perf;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.internal.server.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark program (run on purpose, not a test): a raw java.net.http loop, keep-alive, that fetches up to
 * 16 pre-enqueued jobs and acks each one; prints fetch+ack cycles (acked jobs) per second per round and the
 * median. Without {@code --url} it starts an {@link EmbeddedOjsServer} in this JVM.
 * <pre>
 * java -cp ... org.openjobspec.ee.testing.perf.FetchAckBench [--url http://127.0.0.1:PORT] [--rounds 5]
 *      [--jobs 20000] [--threads 1] [--count 16] [--server-pid PID (adds its CPU time)]
 * </pre>
 */
public final class FetchAckBench {
    private static final String CT = "application/openjobspec+json";

    public static void main(String[] args) throws Exception {
        String url = null;
        int rounds = 5;
        int jobs = 20_000;
        int threads = 1;
        int count = 16;
        long serverPid = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--server-pid" -> serverPid = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        EmbeddedOjsServer embedded = url == null ? EmbeddedOjsServer.start() : null;
        URI base = URI.create(url != null ? url : embedded.url().toString());
        try {
            double[] rates = new double[rounds];
            double[] cpu = new double[rounds];
            // one unmeasured warm-up round so the JIT has compiled both sides
            round(base, Math.min(jobs, 5_000), threads, count, "warmup");
            for (int r = 0; r < rounds; r++) {
                long cpu0 = cpuNanos(serverPid);
                long server0 = serverPid > 0 ? cpuNanos(serverPid) - cpuNanos(-1) : 0;
                rates[r] = round(base, jobs, threads, count, "round-" + r);
                // CPU per cycle is what the machine's load cannot distort much: the rate limit on 2 idle cores
                cpu[r] = (cpuNanos(serverPid) - cpu0) / 1000.0 / jobs;
                String split = serverPid > 0 ? String.format(", server %.0f us",
                        (cpuNanos(serverPid) - cpuNanos(-1) - server0) / 1000.0 / jobs) : "";
                System.out.printf("round %d: %,.0f fetch+ack cycles/s, %.0f us CPU per cycle (%s%s)%n", r + 1,
                        rates[r], cpu[r], serverPid > 0 ? "client + server JVMs" : "this JVM", split);
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            System.out.printf("median of %d rounds (%s, %d client thread(s), count %d): %,.0f cycles/s%n", rounds,
                    embedded != null ? "in-process server" : "server at " + base, threads, count,
                    sorted[rounds / 2]);
            Arrays.sort(cpu);
            System.out.printf("median CPU per cycle: %.0f us%n", cpu[rounds / 2]);
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    private static double round(URI base, int jobs, int threads, int count, String queue) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int done = 0; done < jobs; done += 500) {
            StringBuilder b = new StringBuilder("{\"jobs\":[");
            for (int i = 0; i < Math.min(500, jobs - done); i++) {
                b.append(i == 0 ? "" : ",").append("{\"type\":\"bench.noop\",\"args\":[").append(done + i)
                        .append(",\"payload\"],\"options\":{\"queue\":\"").append(queue).append("\"}}");
            }
            post(client, base, "/ojs/v1/jobs/batch", b.append("]}").toString(), 201);
        }
        AtomicLong acked = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        String fetch = "{\"queues\":[\"" + queue + "\"],\"count\":" + count + ",\"worker_id\":\"bench\"}";
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (true) {
                        JsonObject r = (JsonObject) Json.parse(post(client, base, "/ojs/v1/workers/fetch", fetch, 200));
                        var got = r.getJsonArray("jobs");
                        if (got.isEmpty()) {
                            return;
                        }
                        for (JsonValue j : got) {
                            String id = j.asJsonObject().getString("id");
                            post(client, base, "/ojs/v1/workers/ack", "{\"job_id\":\"" + id + "\"}", 200);
                            acked.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (acked.get() != jobs) {
            throw new IllegalStateException("acked " + acked.get() + " of " + jobs);
        }
        return acked.get() / secs;
    }

    /** CPU time of this JVM, plus that of the server process when its pid is known (Linux /proc). */
    private static long cpuNanos(long serverPid) throws Exception {
        long own = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        if (serverPid <= 0) {
            return own;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, fields 14 and 15
        return own + ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    private static String post(HttpClient client, URI base, String path, String body, int expect) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", CT).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
