package org.openjobspec.ee.internal.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.internal.worker.Backoff;

import static org.openjobspec.ee.internal.Messages.CLI_0050;

/**
 * Tries a client call again after a failure that a later try may not meet (OJS backpressure extension §8.1): the
 * server not reached, a timeout, a reset connection, 502/503/504 or 429. It waits as the worker does
 * ({@link Backoff}: doubling from the initial backoff to the cap, with jitter, never less than {@code Retry-After}),
 * within {@code ojs.retry.max-attempts} tries and {@code ojs.retry.max-duration}: a retry whose wait would end after
 * that time is not made, and the last failure is thrown at once.
 *
 * <p>A synchronous call waits on its own thread; an asynchronous one holds no thread while it waits: the next try is
 * handed to the client's executor when the wait is over.
 */
final class Retrier {

    private static final Logger LOG = Logger.getLogger(Retrier.class.getName());

    /** Which failures a call may be tried again after. */
    enum Safety {
        /**
         * Doing it twice does no harm: reads, pause and resume, enqueues whose job ids the client fixed. Every
         * retryable failure is tried again, also those after which the server may have done it (timeout, reset,
         * 502, 504).
         */
        REPEATABLE,
        /**
         * A second try could do it twice or answer differently (cancel, workflow creation, dead-letter retry, cron
         * changes): tried again only after failures that show the server did not do it: not reached (connection
         * refused, unknown host), 429 and 503.
         */
        ONLY_IF_NOT_DONE
    }

    /** One try of a call; {@code attempt} counts from 1. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(int attempt);
    }

    /** The clock retries are measured on and how they wait; tests put both on virtual time. */
    interface Timer {
        long nanoTime();

        /** Waits on the calling thread (synchronous calls). */
        void sleep(Duration wait) throws InterruptedException;

        /** Runs {@code next} once {@code wait} is over, holding no thread meanwhile; {@code next} must not block. */
        void schedule(Duration wait, Runnable next);
    }

    /** Wall time; asynchronous waits on the JDK's shared delay scheduler, which only hands the next try over. */
    static final Timer SYSTEM = new Timer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration wait) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        }

        @Override
        public void schedule(Duration wait, Runnable next) {
            CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS, Runnable::run).execute(next);
        }
    };

    private final ClientSettings settings;
    private final Timer timer;
    private final Executor executor;
    private final Runnable ensureOpen;

    /**
     * @param ensureOpen run before every try; throws when the client is closed, which ends the call
     */
    Retrier(ClientSettings settings, Timer timer, Executor executor, Runnable ensureOpen) {
        this.settings = settings;
        this.timer = timer;
        this.executor = executor;
        this.ensureOpen = ensureOpen;
    }

    /** Runs {@code attempt} until it succeeds or a failure is not to be tried again, which is thrown. */
    <T> T call(String operation, Safety safety, Attempt<T> attempt) {
        Schedule schedule = new Schedule(operation, safety);
        for (int n = 1; ; n++) {
            try {
                ensureOpen.run();
                return attempt.run(n);
            } catch (OjsException failure) {
                Duration wait = schedule.next(failure, n);
                if (wait == null) {
                    throw failure;
                }
                try {
                    timer.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    /**
     * {@code prepare} (the call's checks, run once) and then the tries, each on the executor; completes with the
     * first success or the failure that is not tried again.
     */
    <T> CompletionStage<T> callAsync(String operation, Safety safety, Supplier<Attempt<T>> prepare) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Schedule schedule = new Schedule(operation, safety);
        submit(result, () -> {
            Attempt<T> attempt = prepare.get();
            tryAsync(result, schedule, attempt, 1);
        });
        return result;
    }

    private <T> void tryAsync(CompletableFuture<T> result, Schedule schedule, Attempt<T> attempt, int n) {
        T value;
        try {
            ensureOpen.run();
            value = attempt.run(n);
        } catch (OjsException failure) {
            Duration wait = schedule.next(failure, n);
            if (wait == null) {
                result.completeExceptionally(failure);
            } else {
                timer.schedule(wait, () -> submit(result, () -> tryAsync(result, schedule, attempt, n + 1)));
            }
            return;
        }
        result.complete(value);
    }

    private void submit(CompletableFuture<?> result, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new OjsException(ErrorInfo.client(OjsErrors.CLIENT_FAILURE,
                    OjsErrors.CLIENT_FAILURE + ": the client's executor refused the call: " + e.getMessage(), true), e));
        }
    }

    /** Whether {@code failure} may be met no more on a later try of a call of this {@code safety}. */
    static boolean retryable(OjsException failure, Safety safety) {
        if (!failure.isRetryable()) {
            return false;
        }
        int status = failure.httpStatus();
        if (status == 0) {
            // no answer: only the HTTP exchange failing counts (client checks, unreadable answers never pass)
            return failure instanceof OjsTransportException && (safety == Safety.REPEATABLE || notSent(failure));
        }
        return switch (status) {
            case 429, 503 -> true;
            case 502, 504 -> safety == Safety.REPEATABLE;
            default -> false;
        };
    }

    /** The request never reached the server: no connection was made. */
    private static boolean notSent(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The waits of one call. */
    private final class Schedule {
        private final String operation;
        private final Safety safety;
        private final long start = timer.nanoTime();
        private Backoff backoff;

        Schedule(String operation, Safety safety) {
            this.operation = operation;
            this.safety = safety;
        }

        /** The wait before try {@code n + 1} after {@code failure} of try {@code n}, or null to give up. */
        synchronized Duration next(OjsException failure, int n) {
            if (n >= settings.retryMaxAttempts() || !retryable(failure, safety)) {
                return null;
            }
            if (backoff == null) {
                backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
            }
            Duration wait = backoff.nextDelay(failure.retryAfter().orElse(null));
            long retryAt = timer.nanoTime() - start + wait.toNanos();
            if (retryAt > settings.retryMaxDuration().toNanos()) {
                return null;
            }
            if (LOG.isLoggable(Level.FINE)) {
                LOG.log(Level.FINE, CLI_0050 + ": " + operation + " failed on try " + n + " of "
                        + settings.retryMaxAttempts() + " (" + failure.getMessage() + "); trying again in " + wait);
            }
            return wait;
        }
    }
}
