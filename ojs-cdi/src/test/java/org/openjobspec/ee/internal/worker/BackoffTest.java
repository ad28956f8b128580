package org.openjobspec.ee.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    private static List<Long> delays(Backoff b, int n) {
        return IntStream.range(0, n).mapToObj(i -> b.nextDelay(null).toMillis()).toList();
    }

    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        List<Long> bounds = new ArrayList<>();
        Backoff lowest = new Backoff(INITIAL, MAX, bound -> {
            bounds.add(bound);
            return 0;
        });
        Backoff highest = new Backoff(INITIAL, MAX, bound -> bound - 1);

        assertThat(delays(lowest, 7)).containsExactly(50L, 100L, 200L, 400L, 500L, 500L, 500L);
        assertThat(delays(highest, 7)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
        assertThat(bounds).containsExactly(51L, 101L, 201L, 401L, 501L, 501L, 501L); // [d/2, d] inclusive
        assertThat(lowest.failures()).isEqualTo(7);
    }

    @Test
    void neverShorterThanRetryAfter() {
        Backoff b = new Backoff(INITIAL, MAX, bound -> bound - 1);
        assertThat(b.nextDelay(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.nextDelay(Duration.ofMillis(150))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void staysAtTheCapAfterManyFailuresAndStartsOverAfterReset() {
        Backoff b = new Backoff(INITIAL, MAX, bound -> bound - 1);
        assertThat(delays(b, 100)).last().isEqualTo(1000L);
        b.reset();
        assertThat(b.failures()).isZero();
        assertThat(b.nextDelay(null)).isEqualTo(INITIAL);
    }

    @Test
    void aMaximumBelowTheInitialDelayIsRaisedToIt() {
        Backoff b = new Backoff(INITIAL, Duration.ofMillis(10), bound -> bound - 1);
        assertThat(delays(b, 3)).containsExactly(100L, 100L, 100L);
    }
}
