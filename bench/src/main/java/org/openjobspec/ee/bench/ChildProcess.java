package org.openjobspec.ee.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started by a benchmark: the standalone OJS server (as a user runs it: {@code java -jar ojs-server.jar}),
 * the echo server, or a measured child. Always destroyed by {@link #close()}.
 */
final class ChildProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final CompletableFuture<URI> url = new CompletableFuture<>();
    private final List<String> lines = new ArrayList<>();

    private ChildProcess(List<String> command, Consumer<String> onLine) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (onLine != null) {
                        onLine.accept(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new IllegalStateException("process ended before it printed its URL"));
        }, "bench-child-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
        return new ChildProcess(cmd, null);
    }

    static ChildProcess startAndWaitForUrl(List<String> cmd) throws Exception {
        ChildProcess p = new ChildProcess(cmd, null);
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
