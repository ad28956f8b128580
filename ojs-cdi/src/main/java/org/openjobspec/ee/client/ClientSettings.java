package org.openjobspec.ee.client;

import org.openjobspec.ee.internal.client.TlsStores;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.error.OjsConfigurationException;
import org.openjobspec.ee.rest.OjsRestClients;
import org.openjobspec.ee.rest.OjsRestConfig;

import static org.openjobspec.ee.internal.Messages.CFG_0001;
import static org.openjobspec.ee.internal.Messages.CFG_0002;
import static org.openjobspec.ee.internal.Messages.CFG_0003;
import static org.openjobspec.ee.internal.Messages.CFG_0004;
import static org.openjobspec.ee.internal.Messages.CFG_0005;
import static org.openjobspec.ee.internal.Messages.CFG_0006;
import static org.openjobspec.ee.internal.Messages.CFG_0009;
import static org.openjobspec.ee.internal.Messages.CFG_0015;
import static org.openjobspec.ee.internal.Messages.CFG_0016;
import static org.openjobspec.ee.internal.Messages.CFG_0017;
import static org.openjobspec.ee.internal.Messages.CFG_0018;
import static org.openjobspec.ee.internal.Messages.CFG_0019;

/**
 * Where and how to reach the OJS server: URL, token, timeouts, extra headers, TLS. Immutable.
 *
 * <p>From MicroProfile Config ({@link #fromConfig(Config)}):
 * <table>
 *   <caption>client keys</caption>
 *   <tr><td>{@code ojs.url}</td><td>required, {@code http(s)://host[:port][/path]}</td></tr>
 *   <tr><td>{@code ojs.auth-token}</td><td>bearer token, none by default</td></tr>
 *   <tr><td>{@code ojs.connect-timeout}</td><td>default {@code PT5S}; ISO-8601 ({@code PT5S}, {@code PT0.5S}),
 *       {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain milliseconds</td></tr>
 *   <tr><td>{@code ojs.read-timeout}</td><td>default {@code PT30S}; same formats</td></tr>
 *   <tr><td>{@code ojs.headers.<Name>}</td><td>extra header on every request</td></tr>
 *   <tr><td>{@code ojs.tls.trust-store}, {@code -password}, {@code -type}</td><td>trust store file (type default PKCS12)</td></tr>
 *   <tr><td>{@code ojs.tls.key-store}, {@code -password}, {@code -type}</td><td>client key store for mutual TLS</td></tr>
 *   <tr><td>{@code ojs.retry.enabled}</td><td>default {@code true}: retry failures a later try may not meet</td></tr>
 *   <tr><td>{@code ojs.retry.max-attempts}</td><td>default 3 tries in all, 1..100</td></tr>
 *   <tr><td>{@code ojs.retry.max-duration}</td><td>default {@code PT30S}: no try starts later than this after
 *       the first</td></tr>
 *   <tr><td>{@code ojs.retry.initial-backoff}, {@code ojs.retry.max-backoff}</td><td>default {@code PT0.2S} and
 *       {@code PT5S}: the wait doubles from the first to the cap, with jitter, never below {@code Retry-After}</td></tr>
 *   <tr><td>{@code ojs.batch.max-bytes}</td><td>default 1 MiB: the largest batch body the client sends</td></tr>
 * </table>
 * Problems carry OJS-CFG message ids and are all reported together. Keys under {@code ojs.} that are not
 * the client's are not looked at here; in a CDI deployment they are reported as unknown keys.
 */
public final class ClientSettings {

    /** MicroProfile Config keys of the client, described above. */
    public static final String URL = "ojs.url";
    public static final String AUTH_TOKEN = "ojs.auth-token";
    public static final String CONNECT_TIMEOUT = "ojs.connect-timeout";
    public static final String READ_TIMEOUT = "ojs.read-timeout";
    public static final String HEADERS_PREFIX = "ojs.headers.";
    public static final String TRUST_STORE = "ojs.tls.trust-store";
    public static final String TRUST_STORE_PASSWORD = "ojs.tls.trust-store-password";
    public static final String TRUST_STORE_TYPE = "ojs.tls.trust-store-type";
    public static final String KEY_STORE = "ojs.tls.key-store";
    public static final String KEY_STORE_PASSWORD = "ojs.tls.key-store-password";
    public static final String KEY_STORE_TYPE = "ojs.tls.key-store-type";
    public static final String RETRY_ENABLED = "ojs.retry.enabled";
    public static final String RETRY_MAX_ATTEMPTS = "ojs.retry.max-attempts";
    public static final String RETRY_MAX_DURATION = "ojs.retry.max-duration";
    public static final String RETRY_INITIAL_BACKOFF = "ojs.retry.initial-backoff";
    public static final String RETRY_MAX_BACKOFF = "ojs.retry.max-backoff";
    public static final String BATCH_MAX_BYTES = "ojs.batch.max-bytes";

    /** Every key the client reads, besides the {@link #HEADERS_PREFIX} family. */
    public static final Set<String> KEYS = Set.of(URL, AUTH_TOKEN, CONNECT_TIMEOUT, READ_TIMEOUT, TRUST_STORE,
            TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, KEY_STORE, KEY_STORE_PASSWORD, KEY_STORE_TYPE, RETRY_ENABLED,
            RETRY_MAX_ATTEMPTS, RETRY_MAX_DURATION, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, BATCH_MAX_BYTES);

    /** Default TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read timeout per call. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of tries of a call, the first included. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
    /** Most tries of a call that can be configured. */
    public static final int MAX_RETRY_ATTEMPTS = 100;
    /** Default time after the first try within which a retry may start. */
    public static final Duration DEFAULT_RETRY_MAX_DURATION = Duration.ofSeconds(30);
    /** Default wait before the first retry (before jitter and {@code Retry-After}). */
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Default cap of the doubling wait between tries ({@code Retry-After} may ask for more). */
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Default largest batch body: 1 MiB, what the embedded and the reference server accept. */
    public static final int DEFAULT_BATCH_MAX_BYTES = 1 << 20;
    /** Smallest batch limit that can be configured: room for one small job. */
    public static final int MIN_BATCH_MAX_BYTES = 1024;

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "ojs-version", "x-request-id",
            "content-type", "content-length", "accept", "host");

    private final URI url;
    private final String authToken;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, String> headers;
    private final KeyStore trustStore;
    private final KeyStore keyStore;
    private final char[] keyStorePassword;
    private final SSLContext sslContext;
    private final HostnameVerifier hostnameVerifier;
    private final boolean retryEnabled;
    private final int retryMaxAttempts;
    private final Duration retryMaxDuration;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final int batchMaxBytes;

    private ClientSettings(Builder b) {
        this.url = b.url;
        this.authToken = b.authToken;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.headers = Map.copyOf(b.headers);
        this.trustStore = b.trustStore;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
        this.sslContext = b.sslContext;
        this.hostnameVerifier = b.hostnameVerifier;
        this.retryEnabled = b.retryEnabled;
        this.retryMaxAttempts = b.retryMaxAttempts;
        this.retryMaxDuration = b.retryMaxDuration;
        this.retryInitialBackoff = b.retryInitialBackoff;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.batchMaxBytes = b.batchMaxBytes;
    }

    /** A builder for plain Java. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the client keys from {@code config}.
     *
     * @throws OjsConfigurationException listing every problem found
     */
    public static ClientSettings fromConfig(Config config) {
        List<String> problems = new ArrayList<>();
        Builder builder = ClientConfigReader.read(config, problems);
        if (!problems.isEmpty()) {
            throw new OjsConfigurationException(problems);
        }
        return builder.buildUnchecked();
    }

    /** Every problem of the client keys in {@code config}; empty when they are fine. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        ClientConfigReader.read(config, problems);
        return List.copyOf(problems);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = builder().url(url).authToken(authToken).connectTimeout(connectTimeout).readTimeout(readTimeout)
                .trustStore(trustStore).keyStore(keyStore, keyStorePassword).sslContext(sslContext)
                .hostnameVerifier(hostnameVerifier).retryEnabled(retryEnabled).retryMaxAttempts(retryMaxAttempts)
                .retryMaxDuration(retryMaxDuration).retryInitialBackoff(retryInitialBackoff)
                .retryMaxBackoff(retryMaxBackoff).batchMaxBytes(batchMaxBytes);
        b.headers.putAll(headers);
        return b;
    }

    /** Server base URL, without trailing slash. */
    public URI url() {
        return url;
    }

    /** Bearer token, if any. */
    public Optional<String> authToken() {
        return Optional.ofNullable(authToken);
    }

    /** TCP connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Read timeout per call. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Extra headers sent on every request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Whether failed calls that a later try may not meet are tried again ({@code ojs.retry.enabled}). */
    public boolean retryEnabled() {
        return retryEnabled;
    }

    /** Tries of one call, the first included ({@code ojs.retry.max-attempts}); 1 when retries are off. */
    public int retryMaxAttempts() {
        return retryEnabled ? retryMaxAttempts : 1;
    }

    /** No retry starts later than this after the first try ({@code ojs.retry.max-duration}). */
    public Duration retryMaxDuration() {
        return retryMaxDuration;
    }

    /** Wait before the first retry, before jitter ({@code ojs.retry.initial-backoff}). */
    public Duration retryInitialBackoff() {
        return retryInitialBackoff;
    }

    /** Cap of the doubling wait; a longer {@code Retry-After} still wins ({@code ojs.retry.max-backoff}). */
    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    /** The largest batch body, in bytes of JSON, the client sends ({@code ojs.batch.max-bytes}). */
    public int batchMaxBytes() {
        return batchMaxBytes;
    }

    /** The TLS context for clients that take one (event streams); from the configured stores when set. */
    public Optional<SSLContext> sslContext() {
        return TlsStores.sslContext(sslContext, trustStore, keyStore, keyStorePassword);
    }

    /** These settings in the form {@link OjsRestClients} takes. */
    public OjsRestConfig toRestConfig() {
        return new OjsRestConfig(url, connectTimeout, readTimeout, authToken, headers, sslContext, trustStore,
                keyStore, keyStorePassword == null ? null : keyStorePassword.clone(), hostnameVerifier);
    }

    /**
     * A typed MicroProfile REST client of {@code api} (e.g. {@code OjsWorkerApi.class}) built with these
     * settings; every failure it reports is an {@code OjsException}. Close it (it implements
     * {@link java.io.Closeable}) when done.
     */
    public <T> T restClient(Class<T> api) {
        return OjsRestClients.create(api, toRestConfig());
    }

    @Override
    public String toString() {
        return "ClientSettings[url=" + url + ", authToken=" + (authToken == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", headers=" + headers.keySet() + ", retry=" + (retryEnabled ? retryMaxAttempts + " tries within "
                + retryMaxDuration + ", backoff " + retryInitialBackoff + ".." + retryMaxBackoff : "off")
                + ", batchMaxBytes=" + batchMaxBytes + "]";
    }

    /** Builds {@link ClientSettings}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private URI url;
        private String rawUrl;
        private String urlMissingHint = "";
        private String authToken;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private KeyStore trustStore;
        private KeyStore keyStore;
        private char[] keyStorePassword;
        private SSLContext sslContext;
        private HostnameVerifier hostnameVerifier;
        private boolean retryEnabled = true;
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private Duration retryMaxDuration = DEFAULT_RETRY_MAX_DURATION;
        private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private int batchMaxBytes = DEFAULT_BATCH_MAX_BYTES;

        private Builder() {
        }

        void urlMissingHint(String hint) {
            this.urlMissingHint = hint;
        }

        /** Server base URL, {@code http(s)://host[:port][/path]} (required). */
        public Builder url(String value) {
            this.rawUrl = value;
            this.url = null;
            return this;
        }

        /** Server base URL (required). */
        public Builder url(URI value) {
            return url(value == null ? null : value.toString());
        }

        /** Bearer token; blank means none. */
        public Builder authToken(String value) {
            this.authToken = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        /** TCP connect timeout, positive (default {@link #DEFAULT_CONNECT_TIMEOUT}). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** Read timeout per call, positive (default {@link #DEFAULT_READ_TIMEOUT}). */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** An extra header on every request; replaces an earlier one of the same name. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Trust store for the server's TLS certificate. */
        public Builder trustStore(KeyStore value) {
            this.trustStore = value;
            return this;
        }

        /** Client key store for mutual TLS; the password is copied. */
        public Builder keyStore(KeyStore value, char[] password) {
            this.keyStore = value;
            this.keyStorePassword = password == null ? null : password.clone();
            return this;
        }

        /** A complete TLS context, instead of trust and key stores. */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        /** TLS host name verifier. */
        public Builder hostnameVerifier(HostnameVerifier value) {
            this.hostnameVerifier = value;
            return this;
        }

        /** Whether retryable failures are tried again (default true). */
        public Builder retryEnabled(boolean value) {
            this.retryEnabled = value;
            return this;
        }

        /** Tries of one call, the first included, 1..{@link #MAX_RETRY_ATTEMPTS} (default {@link #DEFAULT_RETRY_MAX_ATTEMPTS}). */
        public Builder retryMaxAttempts(int value) {
            this.retryMaxAttempts = value;
            return this;
        }

        /** No retry starts later than this after the first try, positive (default {@link #DEFAULT_RETRY_MAX_DURATION}). */
        public Builder retryMaxDuration(Duration value) {
            this.retryMaxDuration = value;
            return this;
        }

        /** Wait before the first retry, positive (default {@link #DEFAULT_RETRY_INITIAL_BACKOFF}). */
        public Builder retryInitialBackoff(Duration value) {
            this.retryInitialBackoff = value;
            return this;
        }

        /** Cap of the doubling wait, at least the initial backoff (default {@link #DEFAULT_RETRY_MAX_BACKOFF}). */
        public Builder retryMaxBackoff(Duration value) {
            this.retryMaxBackoff = value;
            return this;
        }

        /** Largest batch body in bytes, at least {@link #MIN_BATCH_MAX_BYTES} (default {@link #DEFAULT_BATCH_MAX_BYTES}). */
        public Builder batchMaxBytes(int value) {
            this.batchMaxBytes = value;
            return this;
        }

        /** The settings; throws {@link OjsConfigurationException} listing every problem. */
        public ClientSettings build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new OjsConfigurationException(problems);
            }
            return buildUnchecked();
        }

        ClientSettings buildUnchecked() {
            url = parseUrl(rawUrl, new ArrayList<>());
            return new ClientSettings(this);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            parseUrl(rawUrl, problems);
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                problems.add(CFG_0003 + ": " + CONNECT_TIMEOUT + " must be a positive duration, got " + connectTimeout);
            }
            if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
                problems.add(CFG_0004 + ": " + READ_TIMEOUT + " must be a positive duration, got " + readTimeout);
            }
            headers.forEach((name, value) -> {
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    problems.add(CFG_0005 + ": header name '" + name + "' (" + HEADERS_PREFIX + name
                            + ") is not a valid HTTP header name");
                } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(CFG_0006 + ": header '" + name + "' is set by the client itself; use "
                            + (name.equalsIgnoreCase("authorization") ? AUTH_TOKEN : "the matching setting")
                            + " instead of " + HEADERS_PREFIX + name);
                }
                if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    problems.add(CFG_0005 + ": header '" + name + "' has an empty value or contains a line break");
                }
            });
            if (retryMaxAttempts < 1 || retryMaxAttempts > MAX_RETRY_ATTEMPTS) {
                problems.add(CFG_0015 + ": " + RETRY_MAX_ATTEMPTS + " must be 1.." + MAX_RETRY_ATTEMPTS
                        + " (tries in all, 1 means no retry), got " + retryMaxAttempts);
            }
            if (!positive(retryMaxDuration)) {
                problems.add(CFG_0016 + ": " + RETRY_MAX_DURATION + " must be a positive duration, got " + retryMaxDuration);
            }
            if (!positive(retryInitialBackoff)) {
                problems.add(CFG_0017 + ": " + RETRY_INITIAL_BACKOFF + " must be a positive duration, got "
                        + retryInitialBackoff);
            }
            if (!positive(retryMaxBackoff)
                    || (positive(retryInitialBackoff) && retryMaxBackoff.compareTo(retryInitialBackoff) < 0)) {
                problems.add(CFG_0018 + ": " + RETRY_MAX_BACKOFF + " must be a positive duration, at least "
                        + RETRY_INITIAL_BACKOFF + " (" + retryInitialBackoff + "), got " + retryMaxBackoff);
            }
            if (batchMaxBytes < MIN_BATCH_MAX_BYTES) {
                problems.add(CFG_0019 + ": " + BATCH_MAX_BYTES + " must be at least " + MIN_BATCH_MAX_BYTES
                        + " bytes, got " + batchMaxBytes);
            }
            if (authToken != null && (authToken.indexOf('\r') >= 0 || authToken.indexOf('\n') >= 0
                    || authToken.chars().anyMatch(Character::isWhitespace))) {
                problems.add(CFG_0009 + ": " + AUTH_TOKEN + " must not contain whitespace or line breaks");
            }
            return problems;
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }

        private URI parseUrl(String text, List<String> problems) {
            if (text == null || text.isBlank()) {
                problems.add(CFG_0001 + ": " + URL + " is not set; set it to the OJS server's base URL, "
                        + "e.g. ojs.url=http://ojs:8080" + urlMissingHint);
                return null;
            }
            String trimmed = text.trim();
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problems.add(CFG_0002 + ": " + URL + "='" + trimmed + "' must start with http:// or https://");
                    return null;
                }
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    problems.add(CFG_0002 + ": " + URL + "='" + trimmed + "' has no host name");
                    return null;
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    problems.add(CFG_0002 + ": " + URL + "='" + trimmed + "' must not contain a query, fragment or "
                            + "user info; put credentials in " + AUTH_TOKEN);
                    return null;
                }
                String normalized = trimmed.endsWith("/") ? trimmed.replaceAll("/+$", "") : trimmed;
                return new URI(normalized);
            } catch (URISyntaxException e) {
                problems.add(CFG_0002 + ": " + URL + "='" + trimmed + "' is not a valid URL: " + e.getReason());
                return null;
            }
        }
    }
}
