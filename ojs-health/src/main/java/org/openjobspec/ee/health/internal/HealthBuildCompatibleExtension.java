package org.openjobspec.ee.health.internal;

import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;

/**
 * The build compatible extension (CDI Lite: Quarkus), skipped where the portable {@link HealthExtension} runs. It
 * adds the check classes where the MicroProfile Health API is on the class path and {@code ojs.health.enabled} is
 * not false <em>at build time</em>; their other keys are checked when a check is first created, since runtime
 * values are not known at build time.
 */
@SkipIfPortableExtensionPresent(HealthExtension.class)
public class HealthBuildCompatibleExtension implements BuildCompatibleExtension {

    @Discovery
    public void addChecks(ScannedClasses scanned) {
        HealthSettings settings;
        try {
            settings = HealthChecks.settings();
        } catch (RuntimeException e) { // no configuration at build time: the defaults, checked again at runtime
            settings = HealthSettings.defaults();
        }
        for (String name : HealthChecks.toRegister(settings, HealthBuildCompatibleExtension.class.getClassLoader())) {
            scanned.add(name);
        }
    }
}
