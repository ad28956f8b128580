package org.openjobspec.ee.health.internal.mp;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openjobspec.ee.health.internal.WorkerHealth;

/** Readiness: see {@link WorkerHealth#readiness}. */
@Readiness
public class OjsReadinessCheck extends OjsCheck {

    @Override
    public HealthCheckResponse call() {
        return response(WorkerHealth.readiness(lifecycle().startDone(), lifecycle().vitals(), settings));
    }
}
