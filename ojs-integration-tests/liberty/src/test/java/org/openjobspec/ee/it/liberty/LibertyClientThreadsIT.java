package org.openjobspec.ee.it.liberty;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.ClientThreadChecks;

class LibertyClientThreadsIT extends ClientThreadChecks {

    @Deployment(testable = false)
    static WebArchive clientProbe() {
        return war();
    }

    @Override
    protected String managedThreadNameFragment() {
        return "Default Executor-thread-";
    }
}
