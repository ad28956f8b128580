package org.openjobspec.ee.reliability.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A separate JVM running one of this module's main classes on the test classpath. Its standard output is read
 * line by line ({@code RAN <id>} lines are counted per job id); its standard error goes to a log file; commands
 * go to its standard input.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Path log;
    private final Writer stdin;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "stdout-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(String name, Class<?> main, Map<String, String> properties, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dsun.net.httpserver.nodelay=true");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path log = Path.of(System.getProperty("reliability.report", "target/x")).resolveSibling(name + ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .directory(new File(".")).start();
            return new ChildJvm(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RAN ")) {
                    runs.computeIfAbsent(line.substring(4).trim(), k -> new AtomicInteger()).incrementAndGet();
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process died: what it printed so far is kept
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a line of output (other than RAN lines) matching {@code match}. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        try {
            return Awaitility.await(name + " output").atMost(timeout).until(() -> {
                if (!process.isAlive() && lines.stream().noneMatch(match)) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                return lines.stream().filter(match).findFirst();
            }, Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " printed no matching line within " + timeout + "; output " + lines
                    + "; see " + log, e);
        }
    }

    /** Executions this JVM reported, by job id. */
    public Map<String, Integer> runs() {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        runs.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public int distinctRuns() {
        return runs.size();
    }

    public void send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to " + name, e);
        }
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful stop, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(Api.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
