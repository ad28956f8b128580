package org.openjobspec.ee.jta.internal.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link RelayMain} in a JVM of its own: one more application instance on the same outbox table. */
final class RelayJvm implements AutoCloseable {

    private static final Pattern SENT = Pattern.compile("SENT (\\d+) DUPLICATE (\\d+) FAILED (\\d+)");

    /** What a relay JVM's client did: jobs created, calls answered 409 duplicate, other failed calls. */
    record Counts(int sent, int duplicates, int failed) {
    }

    private final Process process;
    private final BufferedReader output;

    /** Starts the JVM and waits until it is ready to relay. */
    RelayJvm(String jdbcUrl, String table, String ojsUrl) throws IOException {
        process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), RelayMain.class.getName(), jdbcUrl, table, ojsUrl)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (line("READY") == null) {
            throw new IllegalStateException("relay JVM ended before it was ready (see its stderr above)");
        }
    }

    void go() throws IOException {
        send("go\n");
    }

    /** Stops the relay gracefully; returns what its client did. */
    Counts stop() throws IOException {
        send("stop\n");
        process.getOutputStream().close();
        String line = line("SENT");
        Matcher m = SENT.matcher(line == null ? "" : line);
        if (!m.matches()) {
            throw new IllegalStateException("relay JVM answered " + line);
        }
        return new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** kill -9: no stop, no commit of the batch in flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The first output line starting with {@code prefix}: libraries on the class path may print before. */
    private String line(String prefix) throws IOException {
        String line = output.readLine();
        while (line != null && !line.startsWith(prefix)) {
            line = output.readLine();
        }
        return line;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
