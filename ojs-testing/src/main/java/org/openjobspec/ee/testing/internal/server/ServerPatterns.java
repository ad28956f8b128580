package org.openjobspec.ee.testing.internal.server;

import java.util.regex.Pattern;

/**
 * The server's own copies of the protocol's patterns, not the client's: ojs-mp-rest's tests run on this server, so
 * it cannot depend on ojs-mp-rest. Its job-type pattern follows the reference server, which also allows '-'.
 * {@code OjsPatternsTest} (ojs-mp-rest) keeps them in step with {@code OjsPatterns}.
 */
public final class ServerPatterns {

    public static final Pattern JOB_TYPE = Pattern.compile("^[a-z][a-z0-9_\\-]*(\\.[a-z][a-z0-9_\\-]*)*$");
    public static final Pattern QUEUE = Pattern.compile("^[a-z0-9][a-z0-9\\-.]*$");
    public static final Pattern UUID_V7 =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private ServerPatterns() {
    }
}
