package org.openjobspec.ee.bench;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code liberty.deploy_overhead}: on one running Open Liberty (the runtime the integration tests use, 127.0.0.1, a
 * free port), WARs with 50 {@code @JobHandler} beans are dropped into {@code dropins} one at a time, alternating
 * with the same WAR without the OJS jars (so without the extension and the worker). The start time is Liberty's
 * own, from {@code CWWKZ0001I: Application X started in N seconds}. Figure: median(with) - median(without);
 * baseline: median(without). One warm-up deployment of each first.
 */
final class LibertyDeployBench {

    static final Pattern STARTED = Pattern.compile("CWWKZ0001I: Application (\\S+) started in ([0-9.]+) seconds");
    static final String SERVER = "ojsbench";

    private LibertyDeployBench() {
    }

    static void run() throws Exception {
        int rounds = Integer.getInteger("bench.liberty.rounds", 3);
        Path wlp = Path.of(System.getProperty("liberty.wlp.dir", ""));
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("set -Dliberty.wlp.dir to an Open Liberty wlp directory (got " + wlp + ")");
        }
        Path work = Files.createTempDirectory("ojs-bench-liberty");
        Path classes = GeneratedHandlers.compile(work.resolve("gen"), HeapIdleBench.HANDLERS);
        try (ChildProcess ojs = ChildProcess.ojsServer()) {
            Path withOjs = war(work.resolve("with.war"), classes, ojs.url() + "\n", true);
            Path without = war(work.resolve("without.war"), classes, ojs.url() + "\n", false);
            // diagnosis only (-Dbench.liberty.split=true): extension and validation without starting the worker
            boolean split = Boolean.getBoolean("bench.liberty.split");
            Path noWorker = war(work.resolve("noworker.war"), classes, ojs.url() + "\nojs.worker.enabled=false\n", true);
            Path serverDir = createServer(wlp);
            Path dropins = serverDir.resolve("dropins");
            server(wlp, "start");
            try {
                LogWatch log = new LogWatch(serverDir.resolve("logs/messages.log"));
                log.await("CWWKF0011I", 120); // the server is ready
                double[] w = new double[rounds];
                double[] b = new double[rounds];
                int warmups = Integer.getInteger("bench.liberty.warmups", 2);
                for (int r = -warmups; r < rounds; r++) {
                    double base = deploy(log, dropins, without, "base" + (r + warmups), false);
                    double ext = deploy(log, dropins, withOjs, "ojs" + (r + warmups), true);
                    if (split) {
                        Figures.progress("liberty: with OJS but ojs.worker.enabled=false: %.0f ms",
                                deploy(log, dropins, noWorker, "noworker" + (r + warmups), false));
                    }
                    Figures.progress("liberty %s: start with OJS %.0f ms, without %.0f ms",
                            r < 0 ? "warm-up" : "round " + (r + 1), ext, base);
                    if (r >= 0) {
                        w[r] = ext;
                        b[r] = base;
                    }
                }
                double[] diff = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    diff[i] = w[i] - b[i];
                }
                Figures.printLine("liberty.deploy_overhead", Figures.median(w) - Figures.median(b), "ms",
                        Figures.median(b), diff, b);
            } finally {
                server(wlp, "stop");
            }
        }
    }

    /** Drops the WAR in, waits for it to start, takes it out again; returns Liberty's start time in ms. */
    static double deploy(LogWatch log, Path dropins, Path war, String name, boolean expectWorker) throws Exception {
        log.mark();
        Path tmp = dropins.getParent().resolve(name + ".war.tmp");
        Files.copy(war, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dropins.resolve(name + ".war"), StandardCopyOption.ATOMIC_MOVE);
        String line = log.await("Application " + name + " ", 180, "CWWKZ0001I", "CWWKZ0002E", "CWWKZ0004E");
        Matcher m = STARTED.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("application " + name + " did not start: " + line);
        }
        double ms = Double.parseDouble(m.group(2)) * 1000;
        if (expectWorker) {
            // the extension found the handlers and the worker runs: else the figure would measure nothing
            log.awaitSince("OJS-WRK-0001", 30);
        }
        Files.delete(dropins.resolve(name + ".war"));
        log.await("CWWKZ0009I: The application " + name + " ", 60);
        return ms;
    }

    static Path war(Path file, Path classes, String config, boolean withOjs) throws IOException {
        try (JarOutputStream war = new JarOutputStream(Files.newOutputStream(file))) {
            add(war, "WEB-INF/beans.xml", GeneratedHandlers.BEANS_XML.getBytes(StandardCharsets.UTF_8));
            add(war, "WEB-INF/classes/META-INF/microprofile-config.properties",
                    ("ojs.url=" + config).getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes.resolve("bench"))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    add(war, "WEB-INF/classes/" + classes.relativize(f).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(f));
                }
            }
            if (withOjs) {
                int jars = 0;
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path p = Path.of(entry);
                    if (p.getFileName().toString().matches("ojs-(cdi|mp-rest)-.*\\.jar")) {
                        add(war, "WEB-INF/lib/" + p.getFileName(), Files.readAllBytes(p));
                        jars++;
                    }
                }
                if (jars != 2) {
                    throw new IllegalStateException("expected ojs-cdi and ojs-mp-rest jars on the class path");
                }
            }
        }
        return file;
    }

    private static void add(JarOutputStream war, String name, byte[] bytes) throws IOException {
        war.putNextEntry(new JarEntry(name));
        war.write(bytes);
        war.closeEntry();
    }

    static Path createServer(Path wlp) throws IOException {
        Path dir = wlp.resolve("usr/servers/" + SERVER);
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir.resolve("dropins"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("bootstrap.properties"), "http.port=" + port + "\n");
        Files.writeString(dir.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="OJS deploy benchmark">
                    <featureManager>
                        <feature>cdi-4.0</feature>
                        <feature>servlet-6.0</feature>
                        <feature>restfulWSClient-3.1</feature>
                        <feature>jsonb-3.0</feature>
                        <feature>jsonp-2.1</feature>
                        <feature>mpConfig-3.1</feature>
                        <feature>mpRestClient-3.0</feature>
                        <feature>concurrent-3.0</feature>
                    </featureManager>
                    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                    <applicationMonitor pollingRate="100ms" dropinsEnabled="true"/>
                </server>
                """);
        return dir;
    }

    static void server(Path wlp, String action) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, SERVER);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("'server " + action + " " + SERVER + "' did not finish in 180 s");
        }
        if (p.exitValue() != 0 && action.equals("start")) {
            throw new IllegalStateException("'server start " + SERVER + "' exited " + p.exitValue());
        }
    }

    /** Reads a growing log file from where it last stopped. */
    static final class LogWatch {
        private final Path file;
        private long position;
        private final List<String> seen = new ArrayList<>();

        LogWatch(Path file) {
            this.file = file;
        }

        /** The first new line containing {@code text} (and, if given, one of {@code anyOf}). */
        String await(String text, int seconds, String... anyOf) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                for (String line : readNew()) {
                    if (line.contains(text) && (anyOf.length == 0 || Stream.of(anyOf).anyMatch(line::contains))) {
                        return line;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("no '" + text + "' in " + file + " within " + seconds + " s");
        }

        /** Skips everything logged so far. */
        void mark() throws IOException {
            readNew();
            synchronized (seen) {
                seen.clear();
            }
        }

        /** Like {@link #await} but also accepts a matching line read since the last {@link #mark()}. */
        String awaitSince(String text, int seconds) throws Exception {
            synchronized (seen) {
                for (String line : seen) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            return await(text, seconds);
        }

        private List<String> readNew() throws IOException {
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                return lines;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                if (raf.length() < position) {
                    position = 0; // rolled over
                }
                raf.seek(position);
                byte[] rest = new byte[(int) (raf.length() - position)];
                raf.readFully(rest);
                String text = new String(rest, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end >= 0) {
                    for (String l : text.substring(0, end).split("\n")) {
                        lines.add(l);
                    }
                    position += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
                }
            }
            synchronized (seen) {
                seen.addAll(lines);
            }
            return lines;
        }
    }

}
