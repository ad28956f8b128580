package org.openjobspec.ee.it.liberty;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.ExampleChecks;
import org.openjobspec.ee.it.Wars;

class LibertyExampleIT extends ExampleChecks {

    @Deployment(testable = false)
    static WebArchive example() {
        return Wars.example();
    }

    @Override
    protected String managedThreadNameFragment() {
        return "Default Executor-thread-";
    }
}
