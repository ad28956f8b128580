package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.openjobspec.ee.JobContext;

import static org.openjobspec.ee.internal.Messages.WRK_0030;

/**
 * Makes the running job injectable ({@code @Inject JobContext}) anywhere, interceptors included: the injected
 * object asks, at each call, for the job of the request context the worker activated for it, and says so clearly
 * where there is none (outside a job, or in an async handler's continuation once the method returned).
 */
@ApplicationScoped
public class JobContextProducer {

    @Produces
    @Dependent
    JobContext current(CurrentJob job) {
        return new Current(job);
    }

    private record Current(CurrentJob job) implements JobContext {

        private JobContext running() {
            JobContext context;
            try {
                context = job.get();
            } catch (ContextNotActiveException e) {
                context = null;
            }
            if (context == null) {
                throw new IllegalStateException(WRK_0030 + ": JobContext is only available while a job runs, on "
                        + "the thread running its @JobHandler method (or beans and interceptors it calls); an async "
                        + "handler's continuation runs after that: take JobContext as a handler parameter instead, "
                        + "which stays valid until the returned stage completes");
            }
            return context;
        }

        @Override
        public String jobId() {
            return running().jobId();
        }

        @Override
        public String jobType() {
            return running().jobType();
        }

        @Override
        public String queue() {
            return running().queue();
        }

        @Override
        public int attempt() {
            return running().attempt();
        }

        @Override
        public int maxAttempts() {
            return running().maxAttempts();
        }

        @Override
        public JsonArray args() {
            return running().args();
        }

        @Override
        public JsonObject meta() {
            return running().meta();
        }

        @Override
        public Optional<String> workflowId() {
            return running().workflowId();
        }

        @Override
        public JsonValue parentResults() {
            return running().parentResults();
        }

        @Override
        public String workerId() {
            return running().workerId();
        }

        @Override
        public void heartbeat() {
            running().heartbeat();
        }

        @Override
        public void progress(double fraction, String message) {
            running().progress(fraction, message);
        }

        @Override
        public boolean isCancelled() {
            return running().isCancelled();
        }

        @Override
        public String toString() {
            return "the running job's JobContext";
        }
    }
}
