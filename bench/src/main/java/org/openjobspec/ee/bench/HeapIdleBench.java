package org.openjobspec.ee.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * {@code worker.heap_idle}: heap in use after full GCs in a JVM running Weld SE with 50 handler beans and the OJS
 * extension (worker started with its defaults, idle for 4 s against a standalone OJS server), minus the same JVM,
 * same beans, same Weld and MicroProfile implementations without the two OJS jars. Baseline: the latter's heap.
 * Each measurement is a fresh JVM; pairs alternate.
 */
final class HeapIdleBench {

    static final int HANDLERS = 50;
    static final long IDLE_MS = 4000;

    private HeapIdleBench() {
    }

    static void run() throws Exception {
        int rounds = Integer.getInteger("bench.heap.rounds", 3);
        Path gen = GeneratedHandlers.compile(Files.createTempDirectory("ojs-bench-heap"), HANDLERS);
        // the figure is the worker's own (ojs-cdi, ojs-mp-rest): the telemetry group's jar stays out of both JVMs
        String cp = Arrays.stream((System.getProperty("java.class.path") + File.pathSeparator + gen)
                        .split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().matches("ojs-telemetry-.*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        String cpWithout = Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().matches("ojs-(cdi|mp-rest)-.*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        if (cpWithout.equals(cp)) {
            throw new IllegalStateException("ojs-cdi/ojs-mp-rest jars not found on the class path " + cp);
        }
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        double[] diff = new double[rounds];
        try (ChildProcess server = ChildProcess.ojsServer()) {
            for (int r = 0; r < rounds; r++) {
                with[r] = child(cp, server.url(), "with");
                without[r] = child(cpWithout, server.url(), "without");
                diff[r] = with[r] - without[r];
                Figures.progress("heap round %d: with worker %.1f MB, without %.1f MB", r + 1, with[r], without[r]);
            }
        }
        Figures.printLine("worker.heap_idle", Figures.median(diff), "MB", Figures.median(without), diff, without);
    }

    private static double child(String cp, URI server, String mode) throws Exception {
        List<String> opts = List.of("-Xmx512m", "-Dojs.url=" + server);
        try (ChildProcess p = ChildProcess.benchJvm(cp, opts, "heap-child", mode, server.toString())) {
            List<String> lines = p.awaitLines(120);
            for (String line : lines) {
                if (line.startsWith("HEAP ")) {
                    return Long.parseLong(line.substring(5).trim()) / (1024.0 * 1024.0);
                }
            }
            throw new IllegalStateException("heap child (" + mode + ") exited " + p.exitValue() + " without a figure: "
                    + lines);
        }
    }

    /** In the child JVM: boot, idle, measure, and (with the worker) prove that all 50 handlers run. */
    static void child(String mode, URI server) throws Exception {
        ConfigProviderResolver.instance();
        WeldContainer container = new Weld().initialize();
        try {
            Thread.sleep(IDLE_MS);
            long used = usedAfterGc();
            if (mode.equals("with")) {
                proveHandlersRun(server);
            }
            System.out.println("HEAP " + used);
        } finally {
            container.shutdown();
        }
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void proveHandlersRun(URI server) throws InterruptedException {
        RawOjs ojs = new RawOjs(server);
        ojs.reset();
        List<String> jobs = new ArrayList<>();
        for (int i = 1; i <= HANDLERS; i++) {
            jobs.add("{\"type\":\"" + GeneratedHandlers.type(i) + "\",\"args\":[\"x\"]}");
        }
        ojs.post("/ojs/v1/jobs/batch", "{\"jobs\":[" + String.join(",", jobs) + "]}");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (ojs.completed("default") < HANDLERS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ojs.completed("default") + " of " + HANDLERS
                        + " generated handlers completed their job");
            }
            Thread.sleep(50);
        }
    }
}
