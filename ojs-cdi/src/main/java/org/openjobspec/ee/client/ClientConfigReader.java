package org.openjobspec.ee.client;

import org.openjobspec.ee.internal.client.TlsStores;
import org.openjobspec.ee.client.ClientSettings;
import static org.openjobspec.ee.client.ClientSettings.AUTH_TOKEN;
import static org.openjobspec.ee.client.ClientSettings.CONNECT_TIMEOUT;
import static org.openjobspec.ee.client.ClientSettings.HEADERS_PREFIX;
import static org.openjobspec.ee.client.ClientSettings.KEY_STORE;
import static org.openjobspec.ee.client.ClientSettings.KEY_STORE_PASSWORD;
import static org.openjobspec.ee.client.ClientSettings.KEY_STORE_TYPE;
import static org.openjobspec.ee.client.ClientSettings.READ_TIMEOUT;
import static org.openjobspec.ee.client.ClientSettings.TRUST_STORE;
import static org.openjobspec.ee.client.ClientSettings.TRUST_STORE_PASSWORD;
import static org.openjobspec.ee.client.ClientSettings.TRUST_STORE_TYPE;
import static org.openjobspec.ee.client.ClientSettings.URL;
import static org.openjobspec.ee.client.ClientSettings.BATCH_MAX_BYTES;
import static org.openjobspec.ee.client.ClientSettings.RETRY_ENABLED;
import static org.openjobspec.ee.client.ClientSettings.RETRY_INITIAL_BACKOFF;
import static org.openjobspec.ee.client.ClientSettings.RETRY_MAX_ATTEMPTS;
import static org.openjobspec.ee.client.ClientSettings.RETRY_MAX_BACKOFF;
import static org.openjobspec.ee.client.ClientSettings.RETRY_MAX_DURATION;

import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigDurations;
import org.openjobspec.ee.internal.Messages;

import static org.openjobspec.ee.internal.Messages.CFG_0003;
import static org.openjobspec.ee.internal.Messages.CFG_0004;
import static org.openjobspec.ee.internal.Messages.CFG_0007;
import static org.openjobspec.ee.internal.Messages.CFG_0008;
import static org.openjobspec.ee.internal.Messages.CFG_0011;
import static org.openjobspec.ee.internal.Messages.CFG_0012;
import static org.openjobspec.ee.internal.Messages.CFG_0014;
import static org.openjobspec.ee.internal.Messages.CFG_0015;
import static org.openjobspec.ee.internal.Messages.CFG_0016;
import static org.openjobspec.ee.internal.Messages.CFG_0017;
import static org.openjobspec.ee.internal.Messages.CFG_0018;
import static org.openjobspec.ee.internal.Messages.CFG_0019;

/** Reads the client keys from MicroProfile Config into a {@link ClientSettings.Builder}, collecting every problem. */
final class ClientConfigReader {

    private final Config config;
    private final List<String> problems = new ArrayList<>();
    private final ClientSettings.Builder builder = ClientSettings.builder();

    private ClientConfigReader(Config config) {
        this.config = config;
    }

    /** The builder read from {@code config}; adds every problem, the builder's own checks' too, to {@code problems}. */
    static ClientSettings.Builder read(Config config, List<String> problems) {
        ClientConfigReader reader = new ClientConfigReader(config);
        reader.read();
        problems.addAll(reader.problems);
        problems.addAll(reader.builder.problems());
        return reader.builder;
    }

    private void read() {
        Optional<String> url = value(URL);
        if (url.isPresent()) {
            builder.url(url.get());
        } else {
            builder.urlMissingHint(" (set it in microprofile-config.properties, as env var OJS_URL, or as a server "
                    + "variable)");
        }
        value(AUTH_TOKEN).ifPresent(builder::authToken);
        duration(CONNECT_TIMEOUT, CFG_0003, builder::connectTimeout);
        duration(READ_TIMEOUT, CFG_0004, builder::readTimeout);
        value(RETRY_ENABLED).ifPresent(text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                builder.retryEnabled(Boolean.parseBoolean(text));
            } else {
                problems.add(CFG_0014 + ": " + RETRY_ENABLED + "='" + text + "' must be true or false");
            }
        });
        whole(RETRY_MAX_ATTEMPTS, CFG_0015, builder::retryMaxAttempts);
        duration(RETRY_MAX_DURATION, CFG_0016, builder::retryMaxDuration);
        duration(RETRY_INITIAL_BACKOFF, CFG_0017, builder::retryInitialBackoff);
        duration(RETRY_MAX_BACKOFF, CFG_0018, builder::retryMaxBackoff);
        whole(BATCH_MAX_BYTES, CFG_0019, builder::batchMaxBytes);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(HEADERS_PREFIX) && name.length() > HEADERS_PREFIX.length()) {
                String header = name.substring(HEADERS_PREFIX.length());
                value(name).ifPresent(v -> builder.header(header, v));
            }
        }
        value(TRUST_STORE).ifPresent(this::trustStore);
        value(KEY_STORE).ifPresent(path -> {
            String type = value(KEY_STORE_TYPE).orElse("PKCS12");
            char[] password = value(KEY_STORE_PASSWORD).map(String::toCharArray).orElse(new char[0]);
            KeyStore store = TlsStores.load(path, type, password, KEY_STORE, CFG_0008, problems);
            if (store != null) {
                builder.keyStore(store, password);
            }
        });
    }

    private void duration(String key, Messages id, Consumer<Duration> target) {
        value(key).ifPresent(text -> {
            Duration d = ConfigDurations.parse(text);
            if (d == null) {
                problems.add(id + ": " + key + "='" + text + "' is not a duration; use " + ConfigDurations.FORMS);
            } else {
                target.accept(d);
            }
        });
    }

    private void whole(String key, Messages id, java.util.function.IntConsumer target) {
        value(key).ifPresent(text -> {
            try {
                target.accept(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                problems.add(id + ": " + key + "='" + text + "' is not a whole number");
            }
        });
    }

    private void trustStore(String path) {
        String type = value(TRUST_STORE_TYPE).orElse("PKCS12");
        char[] password = value(TRUST_STORE_PASSWORD).map(String::toCharArray).orElse(null);
        KeyStore store = TlsStores.load(path, type, password, TRUST_STORE, CFG_0007, problems);
        if (store != null && TlsStores.isEmpty(store)) {
            // PKCS12 files made by keytool encrypt their certificates: read without the password they load
            // "fine" and empty, and every TLS handshake then fails with "trustAnchors ... must be non-empty"
            problems.add(CFG_0012 + ": " + TRUST_STORE + "='" + path + "' holds no certificate"
                    + (password == null ? "; " + TRUST_STORE_PASSWORD + " is not set, and a PKCS12 store's "
                    + "certificates can only be read with it" : "; import the OJS server's certificate or CA"));
        } else if (store != null) {
            builder.trustStore(store);
        }
    }

    private Optional<String> value(String key) {
        try {
            return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
        } catch (RuntimeException e) {
            problems.add(CFG_0011 + ": cannot read " + key + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
