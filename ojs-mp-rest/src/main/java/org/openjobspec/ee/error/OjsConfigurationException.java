package org.openjobspec.ee.error;

import java.util.List;

/**
 * The OJS configuration is unusable. Lists every problem found (each starting with its message id,
 * {@code OJS-CFG-nnnn}), not just the first.
 */
public class OjsConfigurationException extends OjsException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public OjsConfigurationException(List<String> problems) {
        super(ErrorInfo.client(firstId(problems), summary(problems), false));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one message each, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String firstId(List<String> problems) {
        if (problems.isEmpty()) {
            return "OJS-CFG";
        }
        String first = problems.get(0);
        int colon = first.indexOf(':');
        return colon > 0 ? first.substring(0, colon) : "OJS-CFG";
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " OJS configuration problems:\n  " + String.join("\n  ", problems);
    }
}
