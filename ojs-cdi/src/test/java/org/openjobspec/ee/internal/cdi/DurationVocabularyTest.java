package org.openjobspec.ee.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.client.ClientSettings;

import static org.openjobspec.ee.internal.Messages.CFG_0003;
import static org.openjobspec.ee.internal.Messages.CFG_0055;

/** Client and worker duration keys take the same forms and read them the same way. */
class DurationVocabularyTest {

    private static final Map<String, Duration> FORMS = Map.of(
            "PT5S", Duration.ofSeconds(5),
            "PT0.5S", Duration.ofMillis(500),
            "5s", Duration.ofSeconds(5),
            "500ms", Duration.ofMillis(500),
            "2m", Duration.ofMinutes(2),
            "1h", Duration.ofHours(1),
            "2500", Duration.ofMillis(2500));

    private static Config config(String key, String value) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("ojs.url", "http://127.0.0.1:8080", key, value), "test", 500)).build();
    }

    @Test
    void everyDurationKeyTakesEveryForm() {
        FORMS.forEach((text, expected) -> {
            assertThat(ClientSettings.fromConfig(config("ojs.read-timeout", text)).readTimeout()).as(text)
                    .isEqualTo(expected);
            WorkerConfig worker = WorkerConfig.read(config(WorkerConfig.GRACE_PERIOD, text), Set.of());
            assertThat(worker.problems()).as(text).isEmpty();
            assertThat(worker.settings().orElseThrow().gracePeriod()).as(text).isEqualTo(expected);
        });
    }

    @Test
    void badDurationsKeepTheirIds() {
        assertThat(ClientSettings.problems(config("ojs.connect-timeout", "soon"))).singleElement().asString()
                .startsWith(CFG_0003 + ": ojs.connect-timeout='soon'").contains("500ms");
        assertThat(WorkerConfig.read(config(WorkerConfig.GRACE_PERIOD, "5 seconds"), Set.of()).problems())
                .singleElement().asString().startsWith(CFG_0055 + ": ojs.worker.grace-period='5 seconds'")
                .contains("500ms");
    }
}
