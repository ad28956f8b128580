package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.OjsClient;

/** The builder's result does not depend on the order of its calls. */
class OjsClientBuilderTest {

    private static final ClientSettings BASE = ClientSettings.builder().url("http://127.0.0.1:1")
            .authToken("base-token").readTimeout(Duration.ofSeconds(7)).header("X-Tenant", "base")
            .header("X-Base", "b").build();

    private static ClientSettings built(UnaryOperator<OjsClient.Builder> calls) {
        try (OjsClient client = calls.apply(OjsClient.builder()).build()) {
            return ((DefaultOjsClient) client).settings();
        }
    }

    @Test
    void explicitSettersOverrideTheBaseWhateverTheOrder() {
        ClientSettings before = built(b -> b.url("http://127.0.0.1:2").header("X-Tenant", "mine")
                .connectTimeout(Duration.ofSeconds(3)).settings(BASE));
        ClientSettings after = built(b -> b.settings(BASE).url("http://127.0.0.1:2").header("X-Tenant", "mine")
                .connectTimeout(Duration.ofSeconds(3)));
        for (ClientSettings s : new ClientSettings[] {before, after}) {
            assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:2"));
            assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(s.authToken()).contains("base-token");
            assertThat(s.headers()).containsEntry("X-Tenant", "mine").containsEntry("X-Base", "b");
        }
    }

    @Test
    void settingsAloneIsTakenAsItIs() {
        ClientSettings s = built(b -> b.settings(BASE));
        assertThat(s.url()).isEqualTo(BASE.url());
        assertThat(s.headers()).isEqualTo(BASE.headers());
        assertThat(s.readTimeout()).isEqualTo(BASE.readTimeout());
    }
}
