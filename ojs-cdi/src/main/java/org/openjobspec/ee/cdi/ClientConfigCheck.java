package org.openjobspec.ee.cdi;

import java.util.List;
import org.eclipse.microprofile.config.Config;

/** The client's configuration problems (OJS-CFG-0001..0049), reported in the same deployment failure. */
final class ClientConfigCheck {

    private ClientConfigCheck() {
    }

    // TODO(worker): delegate to ClientSettings.fromConfig(config) and collect OjsConfigurationException.problems()
    static List<String> problems(Config config) {
        return List.of();
    }
}
