package org.openjobspec.ee.client;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.error.OjsConfigurationException;
import org.openjobspec.ee.rest.OjsRestClients;
import org.openjobspec.ee.rest.OjsRestConfig;

/**
 * Where and how to reach the OJS server: URL, token, timeouts, extra headers, TLS. Immutable.
 *
 * <p>From MicroProfile Config ({@link #fromConfig(Config)}):
 * <table>
 *   <caption>client keys</caption>
 *   <tr><td>{@code ojs.url}</td><td>required, {@code http(s)://host[:port][/path]}</td></tr>
 *   <tr><td>{@code ojs.auth-token}</td><td>bearer token, none by default</td></tr>
 *   <tr><td>{@code ojs.connect-timeout}</td><td>default {@code PT5S}; ISO-8601, or {@code 500ms}, {@code 5s}, {@code 1m}, or plain milliseconds</td></tr>
 *   <tr><td>{@code ojs.read-timeout}</td><td>default {@code PT30S}; same formats</td></tr>
 *   <tr><td>{@code ojs.headers.<Name>}</td><td>extra header on every request</td></tr>
 *   <tr><td>{@code ojs.tls.trust-store}, {@code -password}, {@code -type}</td><td>trust store file (type default PKCS12)</td></tr>
 *   <tr><td>{@code ojs.tls.key-store}, {@code -password}, {@code -type}</td><td>client key store for mutual TLS</td></tr>
 * </table>
 * Problems carry ids OJS-CFG-0001..0049 and are all reported together.
 */
public final class ClientSettings {

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

    /** Default TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read timeout per call. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "ojs-version", "x-request-id",
            "content-type", "content-length", "accept", "host");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

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
        Builder builder = read(config, problems);
        problems.addAll(builder.problems());
        if (!problems.isEmpty()) {
            throw new OjsConfigurationException(problems);
        }
        return builder.buildUnchecked();
    }

    /** Every problem of the client keys in {@code config}; empty when they are fine. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Builder builder = read(config, problems);
        problems.addAll(builder.problems());
        return List.copyOf(problems);
    }

    /** Server base URL, without trailing slash. */
    public URI url() {
        return url;
    }

    /** Bearer token, if any. */
    public Optional<String> authToken() {
        return Optional.ofNullable(authToken);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Extra headers sent on every request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The TLS context for clients that take one (event streams); from the configured stores when set. */
    public Optional<SSLContext> sslContext() {
        return sslContext(sslContext, trustStore, keyStore, keyStorePassword);
    }

    /**
     * The TLS context a client that takes only an {@link SSLContext} (java.net.http) needs to reach the server the
     * REST client reaches with the same settings: {@code explicit} when given, else one built from the stores.
     */
    static Optional<SSLContext> sslContext(SSLContext explicit, KeyStore trustStore, KeyStore keyStore,
                                           char[] keyStorePassword) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        if (trustStore == null && keyStore == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
            }
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyStorePassword == null ? new char[0] : keyStorePassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (java.security.GeneralSecurityException e) {
            throw new OjsConfigurationException(List.of("OJS-CFG-0010: cannot build a TLS context from the configured "
                    + "trust/key stores: " + e.getMessage()));
        }
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

    private static Builder read(Config config, List<String> problems) {
        Builder b = builder();
        Optional<String> url = value(config, URL, problems);
        if (url.isPresent()) {
            b.url(url.get());
        } else {
            b.urlMissingHint = " (set it in microprofile-config.properties, as env var OJS_URL, or as a server variable)";
        }
        value(config, AUTH_TOKEN, problems).ifPresent(b::authToken);
        value(config, CONNECT_TIMEOUT, problems).ifPresent(text -> {
            Duration d = parseDuration(text);
            if (d == null) {
                problems.add("OJS-CFG-0003: " + CONNECT_TIMEOUT + "='" + text + "' is not a duration; use e.g. PT5S, 5s or 5000");
            } else {
                b.connectTimeout(d);
            }
        });
        value(config, READ_TIMEOUT, problems).ifPresent(text -> {
            Duration d = parseDuration(text);
            if (d == null) {
                problems.add("OJS-CFG-0004: " + READ_TIMEOUT + "='" + text + "' is not a duration; use e.g. PT30S, 30s or 30000");
            } else {
                b.readTimeout(d);
            }
        });
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(HEADERS_PREFIX) && name.length() > HEADERS_PREFIX.length()) {
                String header = name.substring(HEADERS_PREFIX.length());
                value(config, name, problems).ifPresent(v -> b.header(header, v));
            }
        }
        value(config, TRUST_STORE, problems).ifPresent(path -> {
            String type = value(config, TRUST_STORE_TYPE, problems).orElse("PKCS12");
            char[] password = value(config, TRUST_STORE_PASSWORD, problems).map(String::toCharArray).orElse(null);
            KeyStore store = load(path, type, password, TRUST_STORE, "OJS-CFG-0007", problems);
            if (store != null && isEmpty(store)) {
                // PKCS12 files made by keytool encrypt their certificates: read without the password they load
                // "fine" and empty, and every TLS handshake then fails with "trustAnchors ... must be non-empty"
                problems.add("OJS-CFG-0012: " + TRUST_STORE + "='" + path + "' holds no certificate"
                        + (password == null ? "; " + TRUST_STORE_PASSWORD + " is not set, and a PKCS12 store's "
                        + "certificates can only be read with it" : "; import the OJS server's certificate or CA"));
            } else if (store != null) {
                b.trustStore(store);
            }
        });
        value(config, KEY_STORE, problems).ifPresent(path -> {
            String type = value(config, KEY_STORE_TYPE, problems).orElse("PKCS12");
            char[] password = value(config, KEY_STORE_PASSWORD, problems).map(String::toCharArray).orElse(new char[0]);
            KeyStore store = load(path, type, password, KEY_STORE, "OJS-CFG-0008", problems);
            if (store != null) {
                b.keyStore(store, password);
            }
        });
        return b;
    }

    private static Optional<String> value(Config config, String key, List<String> problems) {
        try {
            return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
        } catch (RuntimeException e) {
            problems.add("OJS-CFG-0011: cannot read " + key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static KeyStore load(String path, String type, char[] password, String key, String id, List<String> problems) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            problems.add(id + ": " + key + "='" + path + "' is not a readable file");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (Exception e) {
            problems.add(id + ": cannot load " + key + "='" + path + "' as " + type + ": " + e.getMessage()
                    + " (check the password and " + key + "-type)");
            return null;
        }
    }

    private static boolean isEmpty(KeyStore store) {
        try {
            return store.size() == 0;
        } catch (java.security.KeyStoreException e) {
            return false;
        }
    }

    /** ISO-8601 ({@code PT5S}), {@code 500ms}/{@code 5s}/{@code 2m}/{@code 1h}, or plain milliseconds; {@code null} if unreadable. */
    static Duration parseDuration(String text) {
        String value = text.trim();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        var m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
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

        public Builder url(String value) {
            this.rawUrl = value;
            this.url = null;
            return this;
        }

        public Builder url(URI value) {
            return url(value == null ? null : value.toString());
        }

        public Builder authToken(String value) {
            this.authToken = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder trustStore(KeyStore value) {
            this.trustStore = value;
            return this;
        }

        public Builder keyStore(KeyStore value, char[] password) {
            this.keyStore = value;
            this.keyStorePassword = password == null ? null : password.clone();
            return this;
        }

        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

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
                problems.add("OJS-CFG-0003: " + CONNECT_TIMEOUT + " must be a positive duration, got " + connectTimeout);
            }
            if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
                problems.add("OJS-CFG-0004: " + READ_TIMEOUT + " must be a positive duration, got " + readTimeout);
            }
            headers.forEach((name, value) -> {
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    problems.add("OJS-CFG-0005: header name '" + name + "' (" + HEADERS_PREFIX + name
                            + ") is not a valid HTTP header name");
                } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add("OJS-CFG-0006: header '" + name + "' is set by the client itself; use "
                            + (name.equalsIgnoreCase("authorization") ? AUTH_TOKEN : "the matching setting")
                            + " instead of " + HEADERS_PREFIX + name);
                }
                if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    problems.add("OJS-CFG-0005: header '" + name + "' has an empty value or contains a line break");
                }
            });
            if (authToken != null && (authToken.indexOf('\r') >= 0 || authToken.indexOf('\n') >= 0
                    || authToken.chars().anyMatch(Character::isWhitespace))) {
                problems.add("OJS-CFG-0009: " + AUTH_TOKEN + " must not contain whitespace or line breaks");
            }
            return problems;
        }

        private URI parseUrl(String text, List<String> problems) {
            if (text == null || text.isBlank()) {
                problems.add("OJS-CFG-0001: " + URL + " is not set; set it to the OJS server's base URL, "
                        + "e.g. ojs.url=http://ojs:8080" + urlMissingHint);
                return null;
            }
            String trimmed = text.trim();
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problems.add("OJS-CFG-0002: " + URL + "='" + trimmed + "' must start with http:// or https://");
                    return null;
                }
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    problems.add("OJS-CFG-0002: " + URL + "='" + trimmed + "' has no host name");
                    return null;
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    problems.add("OJS-CFG-0002: " + URL + "='" + trimmed + "' must not contain a query, fragment or "
                            + "user info; put credentials in " + AUTH_TOKEN);
                    return null;
                }
                String normalized = trimmed.endsWith("/") ? trimmed.replaceAll("/+$", "") : trimmed;
                return new URI(normalized);
            } catch (URISyntaxException e) {
                problems.add("OJS-CFG-0002: " + URL + "='" + trimmed + "' is not a valid URL: " + e.getReason());
                return null;
            }
        }
    }
}
