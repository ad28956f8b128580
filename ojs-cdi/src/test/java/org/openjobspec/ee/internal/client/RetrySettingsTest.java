package org.openjobspec.ee.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openjobspec.ee.internal.Messages.CFG_0014;
import static org.openjobspec.ee.internal.Messages.CFG_0015;
import static org.openjobspec.ee.internal.Messages.CFG_0016;
import static org.openjobspec.ee.internal.Messages.CFG_0017;
import static org.openjobspec.ee.internal.Messages.CFG_0018;
import static org.openjobspec.ee.internal.Messages.CFG_0019;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.OjsConfigurationException;

/** The {@code ojs.retry.*} and {@code ojs.batch.max-bytes} keys: defaults, reading, every problem id, the builder. */
class RetrySettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void defaults() {
        ClientSettings settings = ClientSettings.fromConfig(config(Map.of("ojs.url", "http://ojs:8080")));
        assertThat(settings.retryEnabled()).isTrue();
        assertThat(settings.retryMaxAttempts()).isEqualTo(3);
        assertThat(settings.retryMaxDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retryInitialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.batchMaxBytes()).isEqualTo(1 << 20);
    }

    @Test
    void everyKeyIsReadInTheUsualDurationForms() {
        ClientSettings settings = ClientSettings.fromConfig(config(Map.of("ojs.url", "http://ojs:8080",
                "ojs.retry.max-attempts", "5", "ojs.retry.max-duration", "2m", "ojs.retry.initial-backoff", "50ms",
                "ojs.retry.max-backoff", "PT2S", "ojs.batch.max-bytes", "65536")));
        assertThat(settings.retryMaxAttempts()).isEqualTo(5);
        assertThat(settings.retryMaxDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.retryInitialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.batchMaxBytes()).isEqualTo(65536);
        ClientSettings off = ClientSettings.fromConfig(config(Map.of("ojs.url", "http://ojs:8080",
                "ojs.retry.enabled", "FALSE", "ojs.retry.max-attempts", "5")));
        assertThat(off.retryEnabled()).isFalse();
        assertThat(off.retryMaxAttempts()).as("off means one try").isEqualTo(1);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsId() {
        List<String> problems = ClientSettings.problems(config(Map.of("ojs.url", "http://ojs:8080",
                "ojs.retry.enabled", "yes", "ojs.retry.max-attempts", "0", "ojs.retry.max-duration", "soon",
                "ojs.retry.initial-backoff", "-1s", "ojs.retry.max-backoff", "PT0S", "ojs.batch.max-bytes", "1k")));
        assertThat(problems).hasSize(6);
        assertThat(String.join("\n", problems)).contains(CFG_0014.id(), CFG_0015.id(), CFG_0016.id(), CFG_0017.id(),
                CFG_0018.id(), CFG_0019.id(), "ojs.retry.enabled='yes'", "ojs.batch.max-bytes='1k'");
        assertThat(ClientSettings.problems(config(Map.of("ojs.url", "http://ojs:8080",
                "ojs.retry.max-attempts", "101", "ojs.retry.initial-backoff", "2s", "ojs.retry.max-backoff", "1s",
                "ojs.batch.max-bytes", "1023"))))
                .satisfiesExactlyInAnyOrder(p -> assertThat(p).startsWith(CFG_0015 + ": ").contains("got 101"),
                        p -> assertThat(p).startsWith(CFG_0018 + ": ").contains("at least ojs.retry.initial-backoff"),
                        p -> assertThat(p).startsWith(CFG_0019 + ": ").contains("at least 1024"));
    }

    @Test
    void builderOptionsMirrorTheKeysAndAreChecked() {
        try (OjsClient client = OjsClient.builder().url("http://127.0.0.1:9").retryEnabled(false).retryMaxAttempts(7)
                .retryMaxDuration(Duration.ofSeconds(9)).retryInitialBackoff(Duration.ofMillis(10))
                .retryMaxBackoff(Duration.ofMillis(90)).batchMaxBytes(2048).build()) {
            ClientSettings s = ((DefaultOjsClient) client).settings();
            assertThat(s.retryEnabled()).isFalse();
            assertThat(s.toBuilder().retryEnabled(true).build().retryMaxAttempts()).isEqualTo(7);
            assertThat(s.retryMaxDuration()).isEqualTo(Duration.ofSeconds(9));
            assertThat(s.retryInitialBackoff()).isEqualTo(Duration.ofMillis(10));
            assertThat(s.retryMaxBackoff()).isEqualTo(Duration.ofMillis(90));
            assertThat(s.batchMaxBytes()).isEqualTo(2048);
        }
        assertThatThrownBy(() -> OjsClient.builder().url("http://127.0.0.1:9").retryMaxAttempts(0).batchMaxBytes(10)
                .build()).isInstanceOfSatisfying(OjsConfigurationException.class,
                e -> assertThat(e.getMessage()).contains(CFG_0015.id(), CFG_0019.id()));
    }
}
