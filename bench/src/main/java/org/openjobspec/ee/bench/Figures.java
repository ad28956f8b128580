package org.openjobspec.ee.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Prints one {@code BENCH} line per figure on stdout: the median of the rounds, next to the median of a baseline
 * measured in the same JVM, in rounds interleaved with the subject's, so that a noisy neighbour hits both alike.
 */
final class Figures {

    private Figures() {
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /**
     * Value and baseline are the medians of their rounds. The ratio is the median of the per-round ratios: each
     * subject round is paired with the baseline round run right next to it, so a change in machine load between
     * rounds cancels out (on a quiet machine it equals value / baseline within noise).
     */
    static void print(String name, double[] rounds, String unit, double[] baselineRounds) {
        double[] ratios = new double[rounds.length];
        for (int i = 0; i < rounds.length; i++) {
            ratios[i] = rounds[i] / baselineRounds[i];
        }
        printLine(name, median(rounds), unit, median(baselineRounds), median(ratios), rounds, baselineRounds);
    }

    /** For figures derived from two sets of rounds (e.g. a difference of medians): ratio = value / baseline. */
    static void printLine(String name, double value, String unit, double baseline, double[] rounds,
                          double[] baselineRounds) {
        printLine(name, value, unit, baseline, value / baseline, rounds, baselineRounds);
    }

    private static void printLine(String name, double value, String unit, double baseline, double ratio,
                                  double[] rounds, double[] baselineRounds) {
        String line = String.format(Locale.ROOT,
                "BENCH %s %s %s baseline=%s ratio=%.3f min=%s max=%s baseline_min=%s baseline_max=%s rounds=%d",
                name, fmt(value), unit, fmt(baseline), ratio, fmt(min(rounds)), fmt(max(rounds)),
                fmt(min(baselineRounds)), fmt(max(baselineRounds)), rounds.length);
        System.out.println(line);
        System.out.flush();
    }

    /** A figure that could not be measured here: one {@code SKIPPED <name>: <reason>} line on stdout. */
    static void skipped(String name, String reason) {
        System.out.println("SKIPPED " + name + ": " + reason);
        System.out.flush();
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.err.flush();
    }

    static int rounds() {
        return Integer.getInteger("bench.rounds", 5);
    }

    static int warmups() {
        return Integer.getInteger("bench.warmups", 1);
    }
}
