package org.openjobspec.ee.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The build compatible extension hands crons to runtime as strings: whatever the args hold survives. */
class CronSpecTest {

    @Test
    void survivesEncoding() {
        CronSpec spec = new CronSpec("a.B$C", "run", List.of("int", "java.util.List"), "report.tick", "nightly.report",
                "0 3 * * *", "Europe/Berlin", "", "[\"a|b.c,d\", {\"x\": \"\\u00e9\"}]", "SKIP");
        assertThat(CronSpec.decode(spec.encode())).isEqualTo(spec);
        CronSpec noHandler = new CronSpec("a.B", "run", List.of(), null, "n", "@daily", "UTC", "q", "[]", "ALLOW");
        assertThat(CronSpec.decode(noHandler.encode())).isEqualTo(noHandler);
    }
}
