package org.openjobspec.ee.health.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

import static org.openjobspec.ee.health.internal.Messages.HLT_0001;
import static org.openjobspec.ee.health.internal.Messages.HLT_0002;
import static org.openjobspec.ee.health.internal.Messages.HLT_0003;

/**
 * Decides, for both extensions, which check classes become beans: none where the runtime has no MicroProfile
 * Health API (the classes could not even load) or where {@code ojs.health.enabled=false}; the three checks
 * otherwise. The classes are named here as strings, so nothing loads them before the API is known to be there.
 */
final class HealthChecks {

    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());

    static final String API = "org.eclipse.microprofile.health.HealthCheck";
    static final List<String> CLASSES = List.of(
            "org.openjobspec.ee.health.internal.mp.OjsReadinessCheck",
            "org.openjobspec.ee.health.internal.mp.OjsLivenessCheck",
            "org.openjobspec.ee.health.internal.mp.OjsStartupCheck");

    private HealthChecks() {
    }

    /** The check classes to register, logging why there are none; {@code loader} is the one that loads them. */
    static List<String> toRegister(HealthSettings settings, ClassLoader loader) {
        if (!apiPresent(loader)) {
            LOG.log(Level.INFO, HLT_0003 + ": no OJS health checks: the runtime has no MicroProfile Health API ({0})",
                    API);
            return List.of();
        }
        if (!settings.enabled()) {
            LOG.log(Level.INFO, HLT_0002 + ": no OJS health checks: {0}=false", HealthSettings.ENABLED);
            return List.of();
        }
        LOG.log(Level.INFO, HLT_0001 + ": OJS health checks ''{0}'' registered (readiness, liveness, startup)",
                WorkerHealth.CHECK_NAME);
        return CLASSES;
    }

    static boolean apiPresent(ClassLoader loader) {
        try {
            Class.forName(API, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static HealthSettings settings() {
        return HealthSettings.read(ConfigProvider.getConfig());
    }
}
