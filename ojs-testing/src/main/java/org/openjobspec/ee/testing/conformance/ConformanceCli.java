package org.openjobspec.ee.testing.conformance;

import java.io.PrintStream;

/** Command line of the conformance runner (work in progress). */
public final class ConformanceCli {
    private ConformanceCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("conformance runner not built yet");
        return 2;
    }
}
