package org.openjobspec.ee.rest;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

/**
 * What {@link OjsRestClients} needs to build a client.
 *
 * @param baseUri          server base URL without trailing slash, e.g. {@code http://ojs:8080}
 * @param connectTimeout   connect timeout ({@code null}: implementation default)
 * @param readTimeout      read timeout ({@code null}: implementation default)
 * @param authToken        bearer token, or {@code null}
 * @param headers          extra headers sent on every request
 * @param sslContext       TLS context, or {@code null}
 * @param trustStore       trust store for TLS, or {@code null}
 * @param keyStore         client key store for mutual TLS, or {@code null}
 * @param keyStorePassword key store password, or {@code null}
 * @param hostnameVerifier TLS host name verifier, or {@code null} for the default
 */
public record OjsRestConfig(
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        String authToken,
        Map<String, String> headers,
        SSLContext sslContext,
        KeyStore trustStore,
        KeyStore keyStore,
        char[] keyStorePassword,
        HostnameVerifier hostnameVerifier) {

    public OjsRestConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Plain HTTP to {@code baseUri} with the given timeouts and no token. */
    public static OjsRestConfig of(URI baseUri, Duration connectTimeout, Duration readTimeout) {
        return new OjsRestConfig(baseUri, connectTimeout, readTimeout, null, Map.of(), null, null, null, null, null);
    }
}
