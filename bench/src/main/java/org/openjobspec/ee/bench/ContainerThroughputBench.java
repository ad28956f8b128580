package org.openjobspec.ee.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code liberty.worker.throughput}, {@code payara.worker.throughput} and {@code quarkus.worker.throughput}: the
 * worker where users run it. The container (Open Liberty 26.0.0.3, Payara Micro 6 or Quarkus 3.34.1, the integration
 * tests' runtimes, on the default {@code java}, 127.0.0.1, free ports) runs one application with ojs-cdi and one
 * no-op {@code bench.noop} handler (concurrency 16, poll 50 ms, as {@code worker.throughput}): a WAR with ojs-mp-rest
 * too, or the Quarkus application of {@code bench/quarkus-app}; so the worker uses the container's own CDI,
 * MicroProfile Config and MicroProfile Rest Client. A round: 20,000 jobs queued while the queue is paused, jobs/s
 * from resuming it until the server counts them all completed (asked every 5 ms: the only view into the container
 * that leaves the application as it is). Baseline: in the same round the better of the two raw Java 25 loops of
 * {@code worker.throughput} ({@link RawRounds}), on the same server; who goes first alternates.
 */
final class ContainerThroughputBench {

    static final String QUEUE = "container";

    private ContainerThroughputBench() {
    }

    /** {@code container}: liberty, payara or quarkus. */
    static void run(String container) throws Exception {
        String figure = container + ".worker.throughput";
        Optional<String> java25 = ChildProcess.java25();
        if (java25.isEmpty()) {
            Figures.skipped(figure, ChildProcess.noJava25());
            return;
        }
        Path work = Files.createTempDirectory("ojs-bench-" + container + "-throughput");
        try (ChildProcess server = ChildProcess.ojsServer();
             ChildProcess raw = ChildProcess.roundServer(java25.get(), "raw-rounds", server.url().toString())) {
            Map<String, String> config = ThroughputBench.workerConfig(server.url(), QUEUE);
            try (AutoCloseable running = switch (container) {
                case "liberty" -> liberty(war(work, config));
                case "payara" -> payara(war(work, config), work);
                case "quarkus" -> quarkus(config);
                default -> throw new IllegalArgumentException("unknown container " + container);
            }) {
                measure(figure, container, new RawOjs(server.url()), raw);
            }
        } finally {
            deleteTree(work); // Payara Micro unpacks itself there (about 100 MB)
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The application as a WAR: the no-op handler, ojs-cdi and ojs-mp-rest, the worker's configuration. */
    private static Path war(Path work, Map<String, String> config) throws Exception {
        Path classes = GeneratedHandlers.compileNoop(work.resolve("gen"));
        StringBuilder properties = new StringBuilder(config.get("ojs.url")).append('\n');
        config.forEach((key, value) -> {
            if (!key.equals("ojs.url")) {
                properties.append(key).append('=').append(value).append('\n');
            }
        });
        // war() writes "ojs.url=" and then this text
        return LibertyDeployBench.war(work.resolve("throughput.war"), classes, properties.toString(), true);
    }

    private static void measure(String figure, String container, RawOjs ojs, ChildProcess raw) throws Exception {
        int warmups = Integer.getInteger("bench.throughput.warmups", 3);
        double[] worker = new double[Figures.rounds()];
        double[] best = new double[Figures.rounds()];
        for (int r = 0; r < warmups + Figures.rounds(); r++) {
            boolean rawFirst = r % 2 == 1;
            double b = rawFirst ? bestRaw(raw) : 0;
            double w = round(ojs, container);
            b = rawFirst ? b : bestRaw(raw);
            boolean warm = r < warmups;
            Figures.progress("%s throughput %s %d: worker %.0f jobs/s, best raw loop (Java 25) %.0f/s", container,
                    warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, w, b);
            if (!warm) {
                worker[r - warmups] = w;
                best[r - warmups] = b;
            }
        }
        Figures.print(figure, worker, "jobs/s", best);
    }

    private static double bestRaw(ChildProcess raw) throws Exception {
        return Math.max(raw.askRate("fetch16 " + ThroughputBench.JOBS), raw.askRate("fetch1x16 " + ThroughputBench.JOBS));
    }

    /** Jobs per second of the worker in the container, from resuming its queue until the server has all completed. */
    private static double round(RawOjs ojs, String container) throws InterruptedException {
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
                Figures.progress("%s round cut after %d s: %d of %d jobs completed", container,
                        ThroughputBench.ROUND_BUDGET_S, completed, jobs);
                return completed / ((System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(5);
        }
        return jobs / ((System.nanoTime() - t0) / 1e9);
    }

    /** Open Liberty with the WAR in dropins, its worker running; closing stops the server. */
    private static AutoCloseable liberty(Path war) throws Exception {
        Path wlp = Path.of(System.getProperty("liberty.wlp.dir", ""));
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("set -Dliberty.wlp.dir to an Open Liberty wlp directory (got " + wlp + ")");
        }
        Path serverDir = LibertyDeployBench.createServer(wlp);
        LibertyDeployBench.server(wlp, "start");
        AutoCloseable stop = () -> LibertyDeployBench.server(wlp, "stop");
        try {
            LibertyDeployBench.LogWatch log = new LibertyDeployBench.LogWatch(serverDir.resolve("logs/messages.log"));
            log.await("CWWKF0011I", 120); // the server is ready
            Path tmp = serverDir.resolve("throughput.war.tmp");
            Files.copy(war, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, serverDir.resolve("dropins/throughput.war"), StandardCopyOption.ATOMIC_MOVE);
            String started = log.await("Application throughput ", 180, "CWWKZ0001I", "CWWKZ0002E", "CWWKZ0004E");
            if (!started.contains("CWWKZ0001I")) {
                throw new IllegalStateException("the application did not start: " + started);
            }
            log.awaitSince("OJS-WRK-0001", 60); // its worker runs
            return stop;
        } catch (Exception e) {
            stop.close();
            throw e;
        }
    }

    /**
     * Payara Micro ({@code -Dpayara.micro.jar}) deploying the WAR, kept on loopback as the integration tests keep it
     * (HTTP listener, data grid, a tcpip cluster of this one member); returns once its worker runs.
     */
    private static AutoCloseable payara(Path war, Path work) throws Exception {
        String jar = System.getProperty("payara.micro.jar", "");
        if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("set -Dpayara.micro.jar to Payara Micro's jar (got '" + jar + "')");
        }
        Path preboot = Files.writeString(work.resolve("preboot-commands.txt"), "set configs.config.server-config."
                + "network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        int cluster = freePort();
        List<String> cmd = List.of(ChildProcess.java(), "-Dhazelcast.socket.bind.any=false",
                "-Djava.net.preferIPv4Stack=true", "-jar", jar,
                "--port", String.valueOf(freePort()), "--startport", String.valueOf(cluster),
                "--clustermode", "tcpip:127.0.0.1:" + cluster, "--interfaces", "127.0.0.1",
                "--prebootcommandfile", preboot.toString(), "--disablephonehome",
                "--rootdir", work.resolve("payara-root").toString(), "--deploy", war.toString());
        ChildProcess payara = ChildProcess.withOwnLog(cmd);
        try {
            payara.awaitLine("OJS-WRK-0001", 300); // deployed, and its worker runs
            return payara;
        } catch (Exception e) {
            payara.close();
            throw e;
        }
    }

    /**
     * The Quarkus application of {@code bench/quarkus-app} ({@code -Dquarkus.app.jar}: its {@code quarkus-run.jar},
     * the same no-op handler and ojs-cdi on ArC, Quarkus' MicroProfile Rest Client and {@code ManagedExecutor}),
     * configured through system properties, HTTP on 127.0.0.1 and a free port; returns once its worker runs.
     */
    private static AutoCloseable quarkus(Map<String, String> config) throws Exception {
        String jar = System.getProperty("quarkus.app.jar", "");
        if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("set -Dquarkus.app.jar to bench/quarkus-app's quarkus-run.jar (got '"
                    + jar + "'; bench/run builds it unless BENCH_NO_BUILD is set)");
        }
        List<String> cmd = new ArrayList<>(List.of(ChildProcess.java(), "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + freePort()));
        config.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.addAll(List.of("-jar", jar));
        ChildProcess quarkus = ChildProcess.withOwnLog(cmd);
        try {
            quarkus.awaitLine("OJS-WRK-0001", 300); // started, and its worker runs
            return quarkus;
        } catch (Exception e) {
            quarkus.close();
            throw e;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
