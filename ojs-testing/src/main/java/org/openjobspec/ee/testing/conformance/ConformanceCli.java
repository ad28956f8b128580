package org.openjobspec.ee.testing.conformance;

import org.openjobspec.ee.testing.internal.Messages;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code conformance --suites DIR [--url URL] [--reset-url URL] [--parallel N] [--report-only]}.
 * Exit code 0 when every case passed (or with --report-only), 1 when any failed, 2 on bad usage.
 */
public final class ConformanceCli {
    private ConformanceCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path suites = null;
        URI url = null;
        URI resetUrl = null;
        int parallel = 8;
        boolean reportOnly = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--suites" -> suites = Path.of(args[++i]);
                    case "--url" -> url = URI.create(args[++i].replaceAll("/+$", ""));
                    case "--reset-url" -> resetUrl = URI.create(args[++i]);
                    case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                    case "--report-only" -> reportOnly = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            err.println(Messages.SRV_0820 + ": " + e.getMessage());
            err.println("usage: conformance --suites DIR [--url URL] [--reset-url URL] [--parallel N]"
                    + " [--report-only]");
            return 2;
        }
        if (suites == null || !Files.isDirectory(suites)) {
            err.println(Messages.SRV_0821 + ": conformance cases directory " + (suites == null ? "(none given)"
                    : "'" + suites.toAbsolutePath() + "' does not exist")
                    + "; pass --suites pointing at the conformance cases (e.g. ../shared/conformance)");
            return 2;
        }
        try {
            List<ConformanceRunner.CaseResult> results = new ConformanceRunner(suites, url, resetUrl, parallel)
                    .run(r -> {
                        out.println(r.line());
                        out.flush();
                    });
            if (results.isEmpty()) {
                err.println(Messages.SRV_0822 + ": no case files (*.json) found under " + suites.toAbsolutePath());
                return 2;
            }
            ConformanceRunner.summary(results, out);
            boolean allPassed = results.stream().allMatch(ConformanceRunner.CaseResult::passed);
            return allPassed || reportOnly ? 0 : 1;
        } catch (Exception e) {
            err.println(Messages.SRV_0823 + ": conformance run failed: " + e);
            return 2;
        }
    }
}
