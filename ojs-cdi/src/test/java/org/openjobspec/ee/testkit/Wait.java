package org.openjobspec.ee.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting for a condition with Awaitility. The deadline only bounds a failure: things that take a second on an idle
 * machine get a minute, so a loaded 2-core build machine does not turn them red.
 */
public final class Wait {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Wait() {
    }

    /** Polls often enough to see short-lived states, with the generous deadline. */
    public static ConditionFactory patiently(String what) {
        // polls on the calling thread: a condition about threads must not see the poller
        return await(what).atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20));
    }

    public static <T> T until(String what, Callable<T> probe, Predicate<? super T> done) {
        return patiently(what).until(probe, done);
    }

    public static void until(String what, Callable<Boolean> condition) {
        patiently(what).until(condition);
    }

    /**
     * Repeats {@code attempt} every 300 ms until {@code done}: a probe for something that starts asynchronously, such
     * as an event stream that may still be connecting and misses what happens before it is open.
     */
    public static void retrying(String what, Runnable attempt, BooleanSupplier done) {
        patiently(what).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!done.getAsBoolean()) {
                attempt.run();
            }
            return done.getAsBoolean();
        });
    }
}
