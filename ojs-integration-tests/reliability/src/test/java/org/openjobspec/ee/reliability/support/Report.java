package org.openjobspec.ee.reliability.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints a scenario's one-line summary and appends it to the module's report file. */
public final class Report {

    private Report() {
    }

    public static void line(String scenario, String summary) {
        String line = "RELIABILITY " + scenario + ": " + summary;
        System.out.println(line);
        String file = System.getProperty("reliability.report");
        if (file != null) {
            try {
                Path p = Path.of(file);
                Files.createDirectories(p.getParent());
                Files.writeString(p, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("could not write " + file + ": " + e);
            }
        }
    }

    public static String seconds(long nanos) {
        return String.format("%.1fs", nanos / 1e9);
    }
}
