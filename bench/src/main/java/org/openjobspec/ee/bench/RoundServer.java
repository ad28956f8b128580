package org.openjobspec.ee.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child side of {@link ChildProcess#roundServer}: a JVM kept for the whole benchmark (so its JIT warms up over
 * the rounds like the parent's), measuring one round per command line read from stdin and answering it on stdout.
 * Other stdout lines (a library's) are not answers; progress and stack traces go to stderr.
 */
final class RoundServer {

    static final String ANSWER = "= ";
    static final String FAILED = "! ";

    /** Answers one command (its words); the answer is one line. */
    interface Commands {
        String answer(String[] command) throws Exception;
    }

    private RoundServer() {
    }

    /** Answers "ready", then every command until stdin ends. */
    static void serve(Commands commands) throws Exception {
        answer(ANSWER + "ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String reply;
            try {
                reply = ANSWER + commands.answer(line.trim().split(" "));
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                reply = FAILED + "'" + line + "' failed on Java " + Runtime.version().feature() + ": " + e;
            }
            answer(reply.replace('\n', ' '));
        }
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
