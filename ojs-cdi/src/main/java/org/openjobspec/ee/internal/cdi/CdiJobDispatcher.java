package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobExecuted;
import org.openjobspec.ee.internal.spi.JobObserver;
import org.openjobspec.ee.internal.worker.JobDispatcher;
import org.openjobspec.ee.internal.worker.WorkerJob;

/**
 * Runs each job in its own request context, with its trace context adopted, through the built-in middleware and
 * the handler registered for its type. The request context is bound to the calling thread (CDI's
 * RequestContextController, on Weld as on ArC), so it ends when the handler method returns, even where the method
 * returned a stage still running.
 */
final class CdiJobDispatcher implements JobDispatcher {

    private final BeanContainer container;
    private final Map<String, HandlerInvoker> handlers;
    private final Instance<RequestContextController> requestContexts;
    private final Instance<CurrentJob> currentJob;
    private final Instance<CurrentTrace> currentTrace;
    private final BuiltInMiddleware builtIn;

    CdiJobDispatcher(BeanContainer container, Map<String, HandlerInvoker> handlers,
                     Instance<RequestContextController> requestContexts, Instance<CurrentJob> currentJob,
                     Instance<CurrentTrace> currentTrace, List<JobObserver> observers) {
        this.container = container;
        this.handlers = Map.copyOf(handlers);
        this.requestContexts = requestContexts;
        this.currentJob = currentJob;
        this.currentTrace = currentTrace;
        this.builtIn = new BuiltInMiddleware(container.getEvent().select(JobExecuted.class), observers);
    }

    @Override
    public boolean handles(String jobType) {
        return handlers.containsKey(jobType);
    }

    @Override
    public CompletionStage<JsonValue> dispatch(WorkerJob job, JobContext context) throws Exception {
        HandlerInvoker invoker = handlers.get(job.type());
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            currentJob.get().set(context);
            BuiltInMiddleware.aside("adopting the trace context", context,
                    () -> currentTrace.get().adopt(context.meta()));
            return builtIn.around(context, job.enqueuedAt(), () -> invoker.invoke(container, job, context));
        } finally {
            BuiltInMiddleware.aside("ending the request context", context, () -> {
                try {
                    if (activated) {
                        controller.deactivate();
                    }
                } finally {
                    requestContexts.destroy(controller);
                }
            });
        }
    }
}
