package org.openjobspec.ee.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testing.EnqueuedJob.inQueue;
import static org.openjobspec.ee.testing.EnqueuedJob.withArgs;

import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.example.api.SignupService;
import org.openjobspec.ee.example.jobs.Mailer;
import org.openjobspec.ee.example.jobs.Messages.CapturePayment;
import org.openjobspec.ee.example.jobs.Payments;
import org.openjobspec.ee.example.middleware.AuditInterceptor;
import org.openjobspec.ee.example.middleware.JobActivity;
import org.openjobspec.ee.testing.EnqueuedJob;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testing.OjsTestKit;

/**
 * The example's signup flow, tested the way an application would test its own: its real beans in Weld SE, its
 * real worker and handlers, the embedded OJS server, and the testing kit. The README shows this test.
 */
@OjsServerTest // an embedded OJS server for the class; ojs.url points at it; a test taking the kit starts clean
class SignupFlowTest {

    WeldContainer app;

    @BeforeEach
    void startApplication() {
        // the application's beans; ojs-cdi brings its own (its beans.xml) and its extension; the worker starts
        // with the container and serves the queues of the example's microprofile-config.properties
        app = new Weld().addBeanClasses(SignupService.class, Mailer.class, Payments.class,
                AuditInterceptor.class, JobActivity.class).initialize();
    }

    @AfterEach
    void stopApplication() {
        app.close();
    }

    @Test
    void signupEnqueuesTheWelcomeMail(OjsTestKit ojs) {
        app.select(SignupService.class).get().signUp("ada@example.org", "Ada");

        ojs.assertEnqueued("email.send", withArgs("""
                [{"to": "ada@example.org", "name": "Ada"}]""").and(inQueue("email")));
        ojs.refuteEnqueued("payment.capture");
    }

    @Test
    void theWelcomeMailIsSentThroughTheMailer(OjsTestKit ojs) {
        app.select(SignupService.class).get().signUp("ada@example.org", "Ada");

        List<EnqueuedJob> ran = ojs.drain("email");

        assertThat(ran).singleElement().satisfies(mail -> {
            assertThat(mail.isCompleted()).isTrue();
            assertThat(mail.result().asJsonObject().getString("to")).isEqualTo("ada@example.org");
        });
        // the example's middleware saw the run
        assertThat(app.select(JobActivity.class).get().entries()).singleElement()
                .satisfies(run -> assertThat(run.outcome()).isEqualTo("succeeded"));
    }

    @Test
    void aPaymentThatFailsTwiceIsCapturedOnItsThirdAttempt(OjsTestKit ojs) {
        app.select(OjsClient.class).get().enqueue("payment.capture", new CapturePayment("order-7", 1999),
                EnqueueOptions.defaults().queue("payments").retry(RetryPolicy.attempts(5)));

        // drain runs the retries at once: the retry backoff is skipped
        EnqueuedJob payment = ojs.drain("payments").get(0);

        assertThat(payment.isCompleted()).isTrue();
        assertThat(payment.attempt()).isEqualTo(3);
        assertThat(payment.errors()).allSatisfy(error ->
                assertThat(error.getString("message")).contains("payment gateway unavailable"));
    }
}
