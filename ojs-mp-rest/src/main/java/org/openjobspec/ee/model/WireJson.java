package org.openjobspec.ee.model;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider every part of the OJS library uses. {@code jakarta.json.Json.createReader(...)} and its
 * siblings look the provider up through {@link java.util.ServiceLoader} on every call (a scan of every jar's
 * {@code META-INF/services}); going through this provider looks it up once.
 */
public final class WireJson {

    // static on purpose: inside a WAR it is released with the WAR's class loader; in a server's shared library
    // it holds the provider the server supplies, which outlives every application anyway
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private WireJson() {
    }

    /** The provider, looked up once. */
    public static JsonProvider provider() {
        return PROVIDER;
    }
}
