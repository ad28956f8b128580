package org.openjobspec.ee.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started by a benchmark: the standalone OJS server (as a user runs it: {@code java -jar ojs-server.jar}),
 * the echo server, a measured child, or a round server (a child that measures rounds on request, see
 * {@link RoundServer}). Always destroyed by {@link #close()}.
 */
final class ChildProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final CompletableFuture<URI> url = new CompletableFuture<>();
    private final List<String> lines = new ArrayList<>();
    /** The answers of a round server ({@link RoundServer#ANSWER} or {@link RoundServer#FAILED} lines), in order. */
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final String description;
    private final Writer commands;
    private boolean servesRounds;

    /** {@code ownLog}: stderr joins stdout, kept here (see {@link #awaitLine}), not shown: a container's log. */
    private ChildProcess(List<String> command, boolean ownLog) throws IOException {
        description = String.join(" ", command);
        ProcessBuilder pb = new ProcessBuilder(command);
        if (ownLog) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        process = pb.start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                    if (line.startsWith(RoundServer.ANSWER) || line.startsWith(RoundServer.FAILED)) {
                        answers.add(line);
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new IllegalStateException("process ended before it printed its URL"));
            answers.add(RoundServer.FAILED + "the process ended");
        }, "bench-child-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The Java 25 (or newer) {@code java} that {@code bench/run} found ({@code -Dbench.java25}, from
     * {@code BENCH_JAVA25} or the Temurin 25 JDK beside the default one), or empty when there is none.
     */
    static Optional<String> java25() {
        String java = System.getProperty("bench.java25", "");
        return java.isBlank() || !Path.of(java).toFile().canExecute() ? Optional.empty() : Optional.of(java);
    }

    /** Why the figures that need Java 25 are missing, for {@link Figures#skipped}. */
    static String noJava25() {
        return "no Java 25 found (bench/run takes BENCH_JAVA25, a JDK 25 home, or /usr/lib/jvm/temurin-25-jdk-amd64)";
    }

    /** {@code java -jar ojs-server.jar --port 0} with the given JVM options; returns once it listens. */
    static ChildProcess ojsServer(String... jvmOptions) throws Exception {
        String jar = System.getProperty("ojs.server.jar");
        if (jar == null || !Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("set -Dojs.server.jar to ojs-testing's ojs-server.jar (found: " + jar + ")");
        }
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-jar", jar, "--port", "0"));
        return startAndWaitForUrl(cmd);
    }

    /** Another entry point of this benchmark jar in its own JVM. */
    static ChildProcess benchJvm(String classpath, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath, Bench.class.getName()));
        cmd.addAll(List.of(args));
        return new ChildProcess(cmd, false);
    }

    /**
     * {@code Bench <args>} on the given {@code java}, with this JVM's options and class path, as a
     * {@link RoundServer}; returns once it is ready for commands.
     */
    static ChildProcess roundServer(String java, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName()));
        cmd.addAll(List.of(args));
        ChildProcess p = new ChildProcess(cmd, false);
        p.servesRounds = true;
        try {
            p.awaitAnswer(120);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Sends one command to a round server and returns its answer (a failure there is thrown here). */
    String ask(String command, long timeoutSeconds) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        return awaitAnswer(timeoutSeconds);
    }

    /** {@link #ask} for a command that answers a rate. */
    double askRate(String command) throws IOException {
        return Double.parseDouble(ask(command, 180));
    }

    private String awaitAnswer(long timeoutSeconds) {
        String line;
        try {
            line = answers.poll(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (line == null) {
            throw new IllegalStateException("no answer within " + timeoutSeconds + " s from " + description);
        }
        if (line.startsWith(RoundServer.FAILED)) {
            throw new IllegalStateException(line.substring(RoundServer.FAILED.length()) + " (in " + description + ")");
        }
        return line.substring(RoundServer.ANSWER.length());
    }

    /** A server whose log (stdout and stderr) is kept rather than shown, e.g. Payara Micro. */
    static ChildProcess withOwnLog(List<String> cmd) throws IOException {
        return new ChildProcess(cmd, true);
    }

    /** The first output line containing {@code text}; fails when the process ends or the time is up first. */
    String awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String line : lines) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("'" + text + "' never came: the process ended; its last lines: "
                        + lastLines());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no '" + text + "' within " + timeoutSeconds + " s; last lines: " + lastLines());
    }

    private String lastLines() {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
    }

    static ChildProcess startAndWaitForUrl(List<String> cmd) throws Exception {
        ChildProcess p = new ChildProcess(cmd, false);
        try {
            p.url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.close();
            throw new IllegalStateException("could not start " + cmd + ": " + e.getMessage(), e);
        }
        return p;
    }

    URI url() {
        return url.join();
    }

    /** Waits for the process to end and returns its stdout lines. */
    List<String> awaitLines(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("child JVM did not finish within " + timeoutSeconds + " s");
        }
        Thread.sleep(50); // let the reader take the last lines
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            if (servesRounds) {
                // a round server ends by itself at the end of its commands, closing what it runs (Weld) in order
                commands.close();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // it ended already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
