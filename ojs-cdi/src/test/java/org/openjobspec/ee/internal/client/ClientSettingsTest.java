package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjobspec.ee.error.OjsConfigurationException;
import org.openjobspec.ee.internal.ConfigDurations;

import static org.openjobspec.ee.internal.Messages.CFG_0001;
import static org.openjobspec.ee.internal.Messages.CFG_0002;
import static org.openjobspec.ee.internal.Messages.CFG_0003;
import static org.openjobspec.ee.internal.Messages.CFG_0004;
import static org.openjobspec.ee.internal.Messages.CFG_0005;
import static org.openjobspec.ee.internal.Messages.CFG_0006;
import static org.openjobspec.ee.internal.Messages.CFG_0007;
import static org.openjobspec.ee.internal.Messages.CFG_0008;
import static org.openjobspec.ee.internal.Messages.CFG_0009;
import static org.openjobspec.ee.internal.Messages.CFG_0012;

/** The client configuration keys, their defaults, and every problem id. */
class ClientSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void defaults() {
        ClientSettings settings = ClientSettings.fromConfig(config(Map.of("ojs.url", "http://ojs:8080/")));
        assertThat(settings.url()).isEqualTo(URI.create("http://ojs:8080"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.authToken()).isEmpty();
        assertThat(settings.headers()).isEmpty();
        assertThat(settings.sslContext()).isEmpty();
    }

    @Test
    void everyKeyIsRead() {
        ClientSettings settings = ClientSettings.fromConfig(config(Map.of(
                "ojs.url", "https://jobs.example.com/base",
                "ojs.auth-token", "t0ken",
                "ojs.connect-timeout", "750ms",
                "ojs.read-timeout", "PT1M",
                "ojs.headers.X-Tenant", "acme",
                "ojs.headers.X-Api-Key", "k")));
        assertThat(settings.url()).isEqualTo(URI.create("https://jobs.example.com/base"));
        assertThat(settings.authToken()).contains("t0ken");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.headers()).containsEntry("X-Tenant", "acme").containsEntry("X-Api-Key", "k");
        assertThat(settings.toString()).doesNotContain("t0ken");
    }

    @Test
    void durationFormats() {
        assertThat(ConfigDurations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigDurations.parse("pt0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigDurations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigDurations.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigDurations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigDurations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigDurations.parse("2500")).isEqualTo(Duration.ofMillis(2500));
        for (String bad : List.of("soon", "", "-PT1S", "-5s", "5d", "PT", "1234567890123456")) {
            assertThat(ConfigDurations.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void missingUrl() {
        assertThatThrownBy(() -> ClientSettings.fromConfig(config(Map.of())))
                .isInstanceOfSatisfying(OjsConfigurationException.class, e -> {
                    assertThat(e.problems()).singleElement().asString().startsWith(CFG_0001 + ": ojs.url is not set");
                    assertThat(e.code()).isEqualTo(CFG_0001.id());
                });
    }

    @Test
    void malformedUrls() {
        for (String url : List.of("ojs:8080", "ftp://ojs", "http://", "http://ojs:8080?x=1", "http://user:pw@ojs", "http://o js")) {
            assertThat(ClientSettings.problems(config(Map.of("ojs.url", url)))).as(url)
                    .singleElement().asString().startsWith(CFG_0002.id());
        }
    }

    @Test
    void allProblemsAreReportedTogether() {
        Map<String, String> values = new HashMap<>();
        values.put("ojs.url", "nope");
        values.put("ojs.connect-timeout", "fast");
        values.put("ojs.read-timeout", "0");
        values.put("ojs.headers.Bad Header", "x");
        values.put("ojs.headers.Authorization", "Bearer x");
        values.put("ojs.auth-token", "two words");
        values.put("ojs.tls.trust-store", "/does/not/exist.p12");
        List<String> problems = ClientSettings.problems(config(values));
        assertThat(problems).extracting(p -> p.substring(0, 12)).containsExactlyInAnyOrder(
                CFG_0002.id(), CFG_0003.id(), CFG_0004.id(), CFG_0005.id(), CFG_0006.id(), CFG_0009.id(),
                CFG_0007.id());
        assertThatThrownBy(() -> ClientSettings.fromConfig(config(values)))
                .isInstanceOfSatisfying(OjsConfigurationException.class, e -> assertThat(e.problems()).isEqualTo(problems));
    }

    @Test
    void trustAndKeyStoresAreLoaded(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("trust.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, "changeit".toCharArray());
        try (OutputStream out = Files.newOutputStream(store)) {
            empty.store(out, "changeit".toCharArray());
        }
        TestKeys keys = TestKeys.create(java.nio.file.Files.createDirectories(dir.resolve("keys")));
        ClientSettings settings = ClientSettings.fromConfig(config(Map.of("ojs.url", "https://ojs",
                "ojs.tls.trust-store", keys.trustStore().toString(), "ojs.tls.trust-store-password", keys.trustPassword(),
                "ojs.tls.key-store", store.toString(), "ojs.tls.key-store-password", "changeit",
                "ojs.tls.key-store-type", "PKCS12")));
        assertThat(settings.sslContext()).isPresent();
        assertThat(settings.toRestConfig().trustStore()).isNotNull();
        assertThat(settings.toRestConfig().keyStore()).isNotNull();
        assertThat(ClientSettings.problems(config(Map.of("ojs.url", "https://ojs", "ojs.tls.key-store", store.toString(),
                "ojs.tls.key-store-password", "wrong")))).singleElement().asString().startsWith(CFG_0008.id());
        // an empty trust store trusts nothing: every handshake would fail, so it is reported at once
        assertThat(ClientSettings.problems(config(Map.of("ojs.url", "https://ojs", "ojs.tls.trust-store", store.toString(),
                "ojs.tls.trust-store-password", "changeit")))).singleElement().asString()
                .startsWith(CFG_0012.id()).contains("import the OJS server's certificate");
    }

    @Test
    void builderValidatesToo() {
        assertThatThrownBy(() -> ClientSettings.builder().readTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(OjsConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.substring(0, 12)).containsExactly(CFG_0001.id(), CFG_0004.id()));
    }
}
