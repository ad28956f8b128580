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

    /** Every key the client reads, besides the {@link #HEADERS_PREFIX} family. */
    public static final Set<String> KEYS = Set.of(URL, AUTH_TOKEN, CONNECT_TIMEOUT, READ_TIMEOUT, TRUST_STORE,
            TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, KEY_STORE, KEY_STORE_PASSWORD, KEY_STORE_TYPE);

    /** Default TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read timeout per call. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

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
                .hostnameVerifier(hostnameVerifier);
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
                + ", headers=" + headers.keySet() + "]";
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
            if (authToken != null && (authToken.indexOf('\r') >= 0 || authToken.indexOf('\n') >= 0
                    || authToken.chars().anyMatch(Character::isWhitespace))) {
                problems.add(CFG_0009 + ": " + AUTH_TOKEN + " must not contain whitespace or line breaks");
            }
            return problems;
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
