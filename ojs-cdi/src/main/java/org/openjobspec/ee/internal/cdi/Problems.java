package org.openjobspec.ee.internal.cdi;

import java.util.List;

final class Problems {

    private Problems() {
    }

    /** One message listing every problem, each on its own line and starting with its id. */
    static String describe(List<String> problems) {
        return "OJS found " + problems.size() + " deployment problem" + (problems.size() == 1 ? "" : "s")
                + ":\n  " + String.join("\n  ", problems);
    }
}
