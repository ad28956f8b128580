package org.openjobspec.ee.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjobspec.ee.rest.Uuid7;
import org.openjobspec.ee.testing.internal.server.ServerPatterns;

class OjsPatternsTest {

    @Test
    void jobTypes() {
        assertThat(OjsPatterns.isJobType("email.send")).isTrue();
        assertThat(OjsPatterns.isJobType("report_2.build")).isTrue();
        assertThat(OjsPatterns.isJobType("a".repeat(255))).isTrue();
        assertThat(OjsPatterns.isJobType("a".repeat(256))).isFalse();
        for (String bad : new String[] {null, "", "Email", "1email", "email.", ".email", "email-send", "a b"}) {
            assertThat(OjsPatterns.isJobType(bad)).as(bad).isFalse();
        }
    }

    @Test
    void queues() {
        assertThat(OjsPatterns.isQueue("default")).isTrue();
        assertThat(OjsPatterns.isQueue("1-fast.lane")).isTrue();
        assertThat(OjsPatterns.isQueue("q".repeat(128))).isTrue();
        assertThat(OjsPatterns.isQueue("q".repeat(129))).isFalse();
        for (String bad : new String[] {null, "", "-q", "Queue", "q_1", "a b"}) {
            assertThat(OjsPatterns.isQueue(bad)).as(bad).isFalse();
        }
    }

    @Test
    void jobIds() {
        assertThat(OjsPatterns.isJobId(Uuid7.next())).isTrue();
        assertThat(OjsPatterns.isJobId(Uuid7.next().toUpperCase())).isFalse();
        assertThat(OjsPatterns.isJobId("0195d5a2-7b1c-4e3a-9f00-4c1d2e3f4a5b")).as("version 4").isFalse();
    }

    /** The embedded server cannot use these (ojs-mp-rest tests on it); its copies must say the same. */
    @Test
    void theEmbeddedServerAgrees() {
        assertThat(ServerPatterns.QUEUE.pattern()).isEqualTo(OjsPatterns.QUEUE.pattern());
        assertThat(ServerPatterns.UUID_V7.pattern()).isEqualTo(OjsPatterns.JOB_ID.pattern());
        // like the reference server, it also takes '-' inside job type words
        assertThat(ServerPatterns.JOB_TYPE.pattern()).isEqualTo(OjsPatterns.JOB_TYPE.pattern().replace("_]", "_\\-]"));
    }
}
