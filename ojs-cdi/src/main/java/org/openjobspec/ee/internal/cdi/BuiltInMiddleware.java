package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.event.Event;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobExecuted;
import org.openjobspec.ee.internal.Aside;
import org.openjobspec.ee.internal.spi.JobObserver;
import org.openjobspec.ee.internal.worker.Failures;

import static org.openjobspec.ee.internal.Messages.WRK_0040;
import static org.openjobspec.ee.internal.Messages.WRK_0041;
import static org.openjobspec.ee.internal.Messages.WRK_0042;
import static org.openjobspec.ee.internal.Messages.WRK_0043;
import static org.openjobspec.ee.internal.Messages.WRK_0046;

/**
 * The metrics event, the log lines and the {@link JobObserver}s every job gets, around the application's own
 * middleware. Run by the dispatcher rather than as interceptors: a handler bean then needs an intercepted subclass
 * only when the application has middleware of its own (generating 50 of them took ~60 ms of each deployment on Open Liberty).
 * <p>
 * Logger {@code org.openjobspec.ee.jobs}: start and end at DEBUG, failures at WARNING, args only at TRACE (they may
 * hold personal data).
 */
final class BuiltInMiddleware {

    private static final System.Logger LOG = System.getLogger("org.openjobspec.ee.jobs");

    private final Event<JobExecuted> executed;
    private final List<JobObserver> observers;

    BuiltInMiddleware(Event<JobExecuted> executed, List<JobObserver> observers) {
        this.executed = executed;
        this.observers = List.copyOf(observers);
    }

    CompletionStage<JsonValue> around(JobContext job, Instant enqueuedAt, Callable<CompletionStage<JsonValue>> handler)
            throws Exception {
        // first, so that what observers make current (a span) is current for the log lines too
        List<JobObserver.Execution> observed = observing(job, enqueuedAt);
        aside("logging the start of the job", job, () -> {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, WRK_0040 + ": starting {0}", describe(job));
            }
            if (LOG.isLoggable(Level.TRACE)) {
                LOG.log(Level.TRACE, WRK_0041 + ": {0} args {1}", describe(job), job.args());
            }
        });
        long start = System.nanoTime();
        CompletionStage<JsonValue> result;
        try {
            result = handler.call();
        } catch (Exception | Error e) {
            returned(job, observed);
            finished(job, start, e, observed);
            throw e;
        }
        returned(job, observed);
        return result.whenComplete((value, failure) -> finished(job, start, failure, observed));
    }

    private List<JobObserver.Execution> observing(JobContext job, Instant enqueuedAt) {
        if (observers.isEmpty()) {
            return List.of();
        }
        List<JobObserver.Execution> observed = new ArrayList<>(observers.size());
        for (JobObserver observer : observers) {
            aside("an observer of the job's start", job, () -> {
                JobObserver.Execution execution = observer.starting(job, enqueuedAt);
                if (execution != null) {
                    observed.add(execution);
                }
            });
        }
        return observed;
    }

    /** In reverse order, so that what the first observer made current on this thread is closed last. */
    private static void returned(JobContext job, List<JobObserver.Execution> observed) {
        for (int i = observed.size() - 1; i >= 0; i--) {
            JobObserver.Execution execution = observed.get(i);
            aside("an observer of the handler's return", job, execution::returned);
        }
    }

    /**
     * Runs a step of the library's own around the handler; its failure is logged and goes no further, so that only
     * the handler decides whether the job succeeded and whether its failure is retryable.
     */
    static void aside(String step, JobContext job, Runnable action) {
        Aside.run(action, e -> LOG.log(Level.WARNING, WRK_0046 + ": " + step + " failed for " + describe(job)
                + "; the job's outcome stays the handler's", e));
    }

    private void finished(JobContext job, long start, Throwable thrown, List<JobObserver.Execution> observed) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Throwable failure = thrown == null ? null : Failures.unwrap(thrown);
        boolean retryable = failure != null && !Failures.isNonRetryable(failure);
        for (int i = observed.size() - 1; i >= 0; i--) {
            JobObserver.Execution execution = observed.get(i);
            aside("an observer of the job's outcome", job, () -> execution.finished(failure, retryable));
        }
        aside("logging the end of the job", job, () -> {
            if (failure != null) {
                LOG.log(Level.WARNING, WRK_0043 + ": {0} failed{1}: {2}", describe(job),
                        Failures.isNonRetryable(failure) ? " permanently" : "", failure.toString());
            } else if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, WRK_0042 + ": finished {0} in {1} ms", describe(job), took.toMillis());
            }
        });
        aside("an observer of JobExecuted", job,
                () -> executed.fire(new JobExecuted(job.jobType(), job.queue(), job.attempt(), took, failure)));
    }

    private static String describe(JobContext job) {
        return job.jobType() + " job " + job.jobId() + " (attempt " + job.attempt() + ")";
    }
}
