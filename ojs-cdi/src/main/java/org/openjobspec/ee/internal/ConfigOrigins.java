package org.openjobspec.ee.internal;

import java.util.Locale;

/**
 * Where a configuration key may have come from besides the application's own files. The unknown-key checks skip
 * keys set as JVM system properties or environment variables: those are shared with build tools and servers that
 * have {@code ojs.*} and {@code OJS_*} entries of their own (Maven passes {@code -Dojs.build.dir} on to tests, the
 * OJS server reads {@code OJS_PORT}), and some runtimes list an environment variable under a dotted name of their
 * own making (Open Liberty shows {@code OJS_AUTH_TOKEN} as {@code ojs.auth.token}), which no key spelling matches.
 */
public final class ConfigOrigins {

    private ConfigOrigins() {
    }

    /** Whether {@code key} is a system property or names an environment variable, by MicroProfile Config's rules. */
    public static boolean outsideTheApplication(String key) {
        if (System.getProperty(key) != null) {
            return true;
        }
        String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
        return System.getenv(key) != null || System.getenv(sanitized) != null
                || System.getenv(sanitized.toUpperCase(Locale.ROOT)) != null;
    }
}
