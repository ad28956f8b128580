package org.openjobspec.ee.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import org.openjobspec.ee.JobContext;

/**
 * Makes the running job injectable ({@code @Inject JobContext}) anywhere, interceptors included: the injected
 * object is a request-scoped proxy, and each job runs in its own request context.
 */
@ApplicationScoped
public class JobContextProducer {

    @Produces
    @RequestScoped
    JobContext current(CurrentJob job) {
        JobContext context = job.get();
        if (context == null) {
            throw new IllegalStateException("OJS-WRK-0030: JobContext is only available while a job runs; "
                    + "inject it in interceptors or beans used by a @JobHandler method");
        }
        return context;
    }
}
