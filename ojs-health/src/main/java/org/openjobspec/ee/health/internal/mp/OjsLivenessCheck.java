package org.openjobspec.ee.health.internal.mp;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.openjobspec.ee.health.internal.WorkerHealth;

/** Liveness: see {@link WorkerHealth#liveness}. */
@Liveness
public class OjsLivenessCheck extends OjsCheck {

    @Override
    public HealthCheckResponse call() {
        return response(WorkerHealth.liveness(lifecycle().vitals(), settings));
    }
}
