package org.openjobspec.ee.internal;

import java.util.function.Consumer;

/**
 * Runs a step of the library's own beside the user's work (a log line, an event, an observer) whose failure must go
 * no further than a report: only the user's code decides an outcome.
 */
public final class Aside {

    private Aside() {
    }

    /** Runs {@code step}; a failure is given to {@code report} (a log line) and goes no further. */
    public static void run(Runnable step, Consumer<Throwable> report) {
        try {
            step.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            try {
                report.accept(e);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable ignored) {
                // a failing log handler cannot be told about itself
            }
        }
    }
}
