package org.openjobspec.ee.model;

import java.util.Locale;

/** What a heartbeat answer tells the worker to do. */
public enum WorkerDirective {
    /** Keep going ({@code continue}, {@code running}, {@code active}, empty or unknown). */
    CONTINUE,
    /** Stop fetching, finish active jobs, keep heartbeating. */
    QUIET,
    /** Stop fetching, drain within the grace period, then exit. */
    TERMINATE;

    /** Maps a wire value; anything unrecognised means {@link #CONTINUE}. */
    public static WorkerDirective fromWire(String value) {
        if (value == null) {
            return CONTINUE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "quiet" -> QUIET;
            case "terminate" -> TERMINATE;
            default -> CONTINUE;
        };
    }
}
