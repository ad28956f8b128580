package org.openjobspec.ee.reliability.liberty.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjobspec.ee.JobHandler;

/** Deployed on Liberty: a job that takes 2 s, the unit of the graceful-undeploy scenario. */
@ApplicationScoped
public class GraceJobs {

    @JobHandler("rel.two_seconds")
    public String twoSeconds() throws InterruptedException {
        Thread.sleep(2000);
        return "finished";
    }
}
