package org.openjobspec.ee.example.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.logging.Logger;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.example.middleware.Audited;
import org.openjobspec.ee.example.jobs.Messages.EmailReceipt;
import org.openjobspec.ee.example.jobs.Messages.WelcomeEmail;

/** Sends e-mails; a real application would call its mail gateway here. */
@Audited
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @JobHandler("email.send")
    public EmailReceipt send(WelcomeEmail email, JobContext job) {
        // the address stays out of INFO logs: job arguments may carry personal data
        LOG.fine(() -> "sending welcome mail for job " + job.jobId() + " to " + email.to());
        return new EmailReceipt(email.to(), "msg-" + UUID.randomUUID());
    }
}
