package org.openjobspec.ee.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "0 3 * * *", "*/15 9-17 * * MON-FRI", "0,30 0-6/2 1,15 jan-jun sun",
            "5/10 * * * *", "0 0 1 1 7", "59 23 31 12 6", "@hourly", "@daily", "@midnight", "@weekly", "@monthly",
            "@yearly", "@annually", "@every 1s", "@every 30s", "@every 5m", "@every 1h30m", "  0 3 * * *  "})
    void accepts(String expression) {
        assertThat(CronSyntax.problem(expression)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *",
            "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "1,,2 * * * *", "a * * * *", "* * * FOO *",
            "@often", "@every", "@every 0s", "@every 10", "@every -5s", "@every5s"})
    void refuses(String expression) {
        assertThat(CronSyntax.problem(expression)).isNotNull();
    }
}
