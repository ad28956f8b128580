package org.openjobspec.ee.health.internal.mp;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.openjobspec.ee.health.internal.HealthSettings;
import org.openjobspec.ee.health.internal.WorkerHealth;
import org.openjobspec.ee.health.internal.WorkerHealth.Verdict;
import org.openjobspec.ee.internal.cdi.WorkerLifecycle;

/**
 * What the three OJS checks share. These classes are the only ones that name MicroProfile Health types; they carry
 * no bean-defining annotation and their jar has no beans.xml, so no container discovers them by scanning (which
 * would fail where the API is missing): the extensions add them as beans only once the API has loaded (application
 * scoped on CDI Full, dependent on Quarkus).
 */
abstract class OjsCheck implements HealthCheck {

    HealthSettings settings;
    private volatile WorkerLifecycle lifecycle;

    @PostConstruct
    void readSettings() {
        settings = HealthSettings.read(ConfigProvider.getConfig());
        if (!settings.problems().isEmpty()) {
            // the portable extension fails the deployment first; this is the build compatible path's check
            throw new IllegalStateException(settings.describe());
        }
    }

    /**
     * ojs-cdi's lifecycle bean, looked up through the application's container rather than injected: Payara puts
     * beans that an extension adds in a bean archive of their own, from which the beans of ojs-cdi's jar are not
     * visible (an injection point there fails the deployment with WELD-001408).
     */
    WorkerLifecycle lifecycle() {
        WorkerLifecycle l = lifecycle;
        if (l == null) {
            l = CDI.current().select(WorkerLifecycle.class).get();
            lifecycle = l;
        }
        return l;
    }

    static HealthCheckResponse response(Verdict verdict) {
        return new HealthCheckResponse(WorkerHealth.CHECK_NAME,
                verdict.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(verdict.data()));
    }
}
