package org.openjobspec.ee.internal.cdi;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigOrigins;
import org.openjobspec.ee.client.ClientSettings;

import static org.openjobspec.ee.internal.Messages.CFG_0013;

/** The client's configuration problems, reported in the same deployment failure. */
final class ClientConfigCheck {

    /**
     * The {@code ojs.*} prefixes other parts own and check themselves: every other {@code ojs.} key must be one of
     * the client's. A part that adds keys adds its prefix here.
     */
    static final List<String> OTHER_PARTS = List.of("ojs.worker.", WorkerConfig.HANDLER_PREFIX, "ojs.outbox.",
            "ojs.transactional.", "ojs.dashboard.", "ojs.telemetry.", "ojs.health.", CronConfig.PREFIX);

    private ClientConfigCheck() {
    }

    static List<String> problems(Config config) {
        return ClientSettings.problems(config);
    }

    /**
     * CFG_0013 for every {@code ojs.*} key no part reads, such as a misspelt {@code ojs.read-timout}; keys set
     * outside the application ({@link ConfigOrigins}) are not checked.
     */
    static List<String> unknownKeys(Config config) {
        List<String> problems = new ArrayList<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("ojs.") && !ClientSettings.KEYS.contains(key) && !isHeader(key)
                    && OTHER_PARTS.stream().noneMatch(key::startsWith) && !ConfigOrigins.outsideTheApplication(key)) {
                problems.add(CFG_0013 + ": unknown key '" + key + "'; the client reads "
                        + ClientSettings.KEYS.stream().sorted().toList() + " and " + ClientSettings.HEADERS_PREFIX
                        + "<Name>, and other parts read keys under " + OTHER_PARTS);
            }
        }
        problems.sort(null);
        return problems;
    }

    private static boolean isHeader(String key) {
        return key.startsWith(ClientSettings.HEADERS_PREFIX) && key.length() > ClientSettings.HEADERS_PREFIX.length();
    }
}
