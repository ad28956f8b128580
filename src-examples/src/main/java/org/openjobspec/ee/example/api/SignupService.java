package org.openjobspec.ee.example.api;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.example.jobs.Messages.WelcomeEmail;
import org.openjobspec.ee.model.Job;

/** An EJB that enqueues: the welcome mail is sent in the background, retried if the mail gateway is down. */
@Stateless
public class SignupService {

    @Inject
    OjsClient ojs;

    public Job signUp(String email, String name) {
        return ojs.enqueue("email.send", new WelcomeEmail(email, name),
                EnqueueOptions.defaults().queue("email")
                        .retry(RetryPolicy.attempts(5).initialInterval(Duration.ofSeconds(1))));
    }
}
