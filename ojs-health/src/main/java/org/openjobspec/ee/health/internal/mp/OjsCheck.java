package org.openjobspec.ee.health.internal.mp;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.openjobspec.ee.health.internal.HealthSettings;
import org.openjobspec.ee.health.internal.WorkerHealth;
import org.openjobspec.ee.health.internal.WorkerHealth.Verdict;
import org.openjobspec.ee.internal.cdi.WorkerLifecycle;

import java.util.Optional;

/**
 * What the three OJS checks share. These classes are the only ones that name MicroProfile Health types; they carry
 * no bean-defining annotation, so no container discovers them by scanning (which would fail where the API is
 * missing): the extensions add them as beans only once the API has loaded.
 */
abstract class OjsCheck implements HealthCheck {

    @Inject
    WorkerLifecycle lifecycle;

    HealthSettings settings;

    @PostConstruct
    void readSettings() {
        settings = HealthSettings.read(ConfigProvider.getConfig());
        if (!settings.problems().isEmpty()) {
            // the portable extension fails the deployment first; this is the build compatible path's check
            throw new IllegalStateException(settings.describe());
        }
    }

    static HealthCheckResponse response(Verdict verdict) {
        return new HealthCheckResponse(WorkerHealth.CHECK_NAME,
                verdict.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(verdict.data()));
    }
}
