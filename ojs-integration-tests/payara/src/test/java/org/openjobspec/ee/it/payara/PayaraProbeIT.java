package org.openjobspec.ee.it.payara;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.ProbeChecks;
import org.openjobspec.ee.it.ProbeDeployments;

class PayaraProbeIT extends ProbeChecks {

    @Deployment(testable = false)
    static WebArchive probe() {
        return ProbeDeployments.probeWar();
    }

    @Override
    protected String managedThreadNameFragment() {
        return "managedThreadFactory";
    }
}
