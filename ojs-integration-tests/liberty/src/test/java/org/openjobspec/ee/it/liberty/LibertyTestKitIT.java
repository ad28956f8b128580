package org.openjobspec.ee.it.liberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openjobspec.ee.testing.EnqueuedJob.inQueue;
import static org.openjobspec.ee.testing.EnqueuedJob.withArgs;

import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.example.api.SignupService;
import org.openjobspec.ee.example.middleware.JobActivity;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.Wars;
import org.openjobspec.ee.testing.EnqueuedJob;
import org.openjobspec.ee.testing.OjsTestKit;

/**
 * ojs-testing's {@link OjsTestKit} in an Arquillian in-container test on Open Liberty: the example WAR, deployed with
 * the kit and this class; the test methods run inside Liberty, call the application's EJB and drain its jobs
 * through its worker, while the embedded OJS server runs in the test JVM and the kit reaches it over HTTP at the
 * application's own {@code ojs.url}.
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
class LibertyTestKitIT {

    @Deployment
    static WebArchive exampleWithTheKit() {
        JavaArchive kit = ShrinkWrap.create(JavaArchive.class, "ojs-testing.jar")
                .addPackages(true, OjsTestKit.class.getPackage());
        return ShrinkWrap.create(WebArchive.class, "ojs-example-kit.war").merge(Wars.example())
                .addAsLibrary(kit).addClasses(EmbeddedOjsForContainers.class, Wars.class);
    }

    @Inject
    SignupService signups;

    @Inject
    JobActivity activity;

    OjsTestKit ojs;

    @BeforeEach
    void startFromACleanServer() {
        ojs = OjsTestKit.connect(URI.create(ConfigProvider.getConfig().getValue("ojs.url", String.class)));
        ojs.clear();
    }

    @Test
    void theSignupsWelcomeMailIsEnqueuedAndSentInsideTheContainer() {
        assertNotNull(signups, "injected: the test runs inside the application, in Liberty");
        String id = signups.signUp("ada@example.org", "Ada").id();

        ojs.assertEnqueued("email.send", withArgs("[{\"to\": \"ada@example.org\", \"name\": \"Ada\"}]")
                .and(inQueue("email")));
        List<EnqueuedJob> ran = ojs.drain("email");

        assertEquals(1, ran.size(), ran.toString());
        assertEquals(id, ran.get(0).id());
        assertTrue(ran.get(0).isCompleted(), ran.toString());
        assertEquals("ada@example.org", ran.get(0).result().asJsonObject().getString("to"));
        // run by the application's worker, through its middleware, on Liberty's managed threads
        JobActivity.Entry run = activity.entries().stream().filter(e -> e.jobId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the audit interceptor saw no run of " + id));
        assertTrue(run.thread().contains("Default Executor-thread-"), run.toString());
    }

    @Test
    void eachTestStartsFromTheClearedServer() {
        assertEquals(List.of(), ojs.enqueued());
        ojs.refuteEnqueued("email.send");
    }
}
