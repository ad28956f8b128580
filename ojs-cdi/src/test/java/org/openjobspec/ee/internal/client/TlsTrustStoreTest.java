package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.json.Json;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.EnqueueRequest;
import org.openjobspec.ee.rest.OjsApi;
import org.openjobspec.ee.rest.Uuid7;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.TlsProxy;
import org.openjobspec.ee.testkit.Wait;

import static org.openjobspec.ee.internal.Messages.CFG_0012;

/**
 * An OJS server behind HTTPS whose certificate only a keytool-made PKCS12 trust store vouches for, configured through
 * MicroProfile Config: the REST client and the queue event streams (java.net.http) both trust it.
 */
class TlsTrustStoreTest {

    private static final String TOKEN = "tls-test-token";

    @TempDir
    static Path dir;
    private static TestKeys keys;
    private static EmbeddedOjsServer ojs;
    private static TlsProxy https;

    @BeforeAll
    static void start() throws Exception {
        keys = TestKeys.create(dir);
        ojs = EmbeddedOjsServer.builder().authToken(TOKEN).start();
        https = new TlsProxy(keys.serverStore(), keys.serverPassword(), ojs.url());
    }

    @AfterAll
    static void stop() throws Exception {
        https.close();
        ojs.stop();
    }

    private static Map<String, String> tlsKeys() {
        Map<String, String> values = new HashMap<>();
        values.put("ojs.url", https.url().toString());
        values.put("ojs.auth-token", TOKEN);
        values.put("ojs.tls.trust-store", keys.trustStore().toString());
        values.put("ojs.tls.trust-store-password", keys.trustPassword());
        return values;
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void restClientAndEventStreamsTrustTheConfiguredStore() throws Exception {
        ClientSettings settings = ClientSettings.fromConfig(config(tlsKeys()));
        ExecutorService executor = Executors.newCachedThreadPool();
        AtomicInteger activity = new AtomicInteger();
        List<OjsException> unsupported = new CopyOnWriteArrayList<>();
        OjsApi api = settings.restClient(OjsApi.class);
        try (QueueEventWatch watch = QueueEventWatch.open(settings.toRestConfig(), List.of("default"), executor,
                activity::incrementAndGet, unsupported::add)) {
            // the stream may still be connecting: enqueue until it reports one
            Wait.retrying("event streams over TLS wake the watch", () -> assertThat(api.enqueue(new EnqueueRequest(
                    Uuid7.next(), "tls.job", Json.createArrayBuilder().build(), null, null, null)).job().id())
                    .isNotBlank(), () -> activity.get() > 0);
            assertThat(watch.gaveUp()).isFalse();
            assertThat(unsupported).isEmpty();
        } finally {
            ((Closeable) api).close();
            executor.shutdownNow();
            assertThat(executor.awaitTermination(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void aTrustStoreReadWithoutItsPasswordIsAConfigurationProblem() {
        Map<String, String> values = tlsKeys();
        values.remove("ojs.tls.trust-store-password");
        assertThat(ClientSettings.problems(config(values))).singleElement().asString()
                .startsWith(CFG_0012 + ": ojs.tls.trust-store=")
                .contains("holds no certificate", "ojs.tls.trust-store-password is not set");
    }
}
