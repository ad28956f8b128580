package org.openjobspec.ee.it;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls until a condition holds, or fails with the last value seen. */
public final class Poll {

    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    public static <T> T until(Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not done after " + timeout + ": " + last);
            }
            Thread.sleep(200);
            last = probe.get();
        }
        return last;
    }
}
