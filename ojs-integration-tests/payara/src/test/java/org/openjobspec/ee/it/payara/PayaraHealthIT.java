package org.openjobspec.ee.it.payara;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.HealthChecks;
import org.openjobspec.ee.it.Wars;

/** ojs-health on Payara Micro 6, whose MicroProfile Health is built in: the worker's check in its /health. */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class PayaraHealthIT {

    @ArquillianResource
    URL app;

    @Deployment(testable = false)
    static WebArchive health() {
        return Wars.health();
    }

    @Test
    void readinessFollowsTheQuietDirectiveAndEveryGroupReportsTheWorker() throws Exception {
        HealthChecks.readinessFollowsTheQuietDirective(URI.create("http://127.0.0.1:" + app.getPort() + "/health/"));
    }
}
