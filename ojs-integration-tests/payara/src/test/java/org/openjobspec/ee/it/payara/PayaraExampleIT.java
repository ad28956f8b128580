package org.openjobspec.ee.it.payara;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.ExampleChecks;
import org.openjobspec.ee.it.Wars;

class PayaraExampleIT extends ExampleChecks {

    @Deployment(testable = false)
    static WebArchive example() {
        return Wars.example();
    }

    @Override
    protected String managedThreadNameFragment() {
        return "managedThreadFactory";
    }
}
