package org.openjobspec.ee.cdi;

import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.client.ClientSettings;

/** The client's configuration problems (OJS-CFG-0001..0049), reported in the same deployment failure. */
final class ClientConfigCheck {

    private ClientConfigCheck() {
    }

    static List<String> problems(Config config) {
        return ClientSettings.problems(config);
    }
}
