package org.openjobspec.ee.testing.internal.server;

import java.util.Locale;

/** The eight OJS job states (ojs-core.md §6). */
enum JobState {
    SCHEDULED, AVAILABLE, PENDING, ACTIVE, COMPLETED, RETRYABLE, CANCELLED, DISCARDED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED || this == DISCARDED;
    }

    public static JobState parse(String s) {
        for (JobState st : values()) {
            if (st.wire.equals(s)) {
                return st;
            }
        }
        return null;
    }
}
