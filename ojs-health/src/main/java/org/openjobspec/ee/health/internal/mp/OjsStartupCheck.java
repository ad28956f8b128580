package org.openjobspec.ee.health.internal.mp;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.openjobspec.ee.health.internal.WorkerHealth;

/** Startup: see {@link WorkerHealth#startup}. */
@Startup
public class OjsStartupCheck extends OjsCheck {

    @Override
    public HealthCheckResponse call() {
        return response(WorkerHealth.startup(lifecycle().startDone(), lifecycle().vitals()));
    }
}
