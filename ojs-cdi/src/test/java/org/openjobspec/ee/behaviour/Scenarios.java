package org.openjobspec.ee.behaviour;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobExecuted;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.JobMiddleware;
import org.openjobspec.ee.NonRetryable;
import org.openjobspec.ee.NonRetryableException;
import org.openjobspec.ee.TraceContext;
import org.openjobspec.ee.testkit.Wait;

/** Tiny scenario beans, one per behaviour; static state is reset by {@link #reset()} before each test. */
final class Scenarios {

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final List<String> TRACE = new CopyOnWriteArrayList<>();
    static final List<JobExecuted> EXECUTED = new CopyOnWriteArrayList<>();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(1);
    static volatile CountDownLatch started = new CountDownLatch(1);
    static volatile CountDownLatch requestEnded = new CountDownLatch(1);
    static volatile CompletableFuture<Void> proceed = new CompletableFuture<>();

    private Scenarios() {
    }

    static void reset() {
        CALLS.clear();
        TRACE.clear();
        EXECUTED.clear();
        RUNNING.set(0);
        MAX_RUNNING.set(0);
        release = new CountDownLatch(1);
        started = new CountDownLatch(1);
        requestEnded = new CountDownLatch(1);
        proceed = new CompletableFuture<>();
    }

    /** Waits for the first blocking or cooperative job to start. */
    static void awaitStarted() throws InterruptedException {
        if (!started.await(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no job started within " + Wait.PATIENCE);
        }
    }

    static int calls(String id) {
        AtomicInteger n = CALLS.get(id);
        return n == null ? 0 : n.get();
    }

    private static void count(JobContext ctx) {
        CALLS.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
    }

    @NonRetryable
    static class PermanentFailure extends RuntimeException {
        PermanentFailure(String m) {
            super(m);
        }
    }

    @ApplicationScoped
    public static class Flaky {
        @JobHandler("flaky.job")
        public String run(JobContext ctx) {
            count(ctx);
            TRACE.add("instance:" + getClass().getName()); // a Weld subclass if the bean were intercepted
            if (ctx.attempt() < 2) {
                throw new IllegalStateException("first attempt fails");
            }
            return "ok on attempt " + ctx.attempt();
        }

        @JobHandler("doomed.job")
        public void doomed(JobContext ctx) {
            count(ctx);
            throw new NonRetryableException("cannot ever work");
        }

        @JobHandler("doomed.marked")
        public void marked(JobContext ctx) {
            count(ctx);
            throw new IllegalArgumentException("wrapped", new PermanentFailure("marked class"));
        }

        @JobHandler("math.add")
        public int add(int a, int b) {
            return a + b;
        }
    }

    @ApplicationScoped
    public static class Async {
        @JobHandler("async.job")
        public CompletionStage<String> run(String name) {
            return CompletableFuture.supplyAsync(() -> "hello " + name,
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        }
    }

    @ApplicationScoped
    public static class Quick {
        @JobHandler("quick.job")
        public void run(int sleepMs, JobContext ctx) throws InterruptedException {
            count(ctx);
            int now = RUNNING.incrementAndGet();
            MAX_RUNNING.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(sleepMs);
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    @ApplicationScoped
    public static class Blocking {
        /** Blocks until released (or a minute passes); the first call per job only, retries return at once. */
        @JobHandler("blocking.job")
        public String run(JobContext ctx) throws InterruptedException {
            count(ctx);
            if (calls(ctx.jobId()) > 1) {
                return "second run";
            }
            started.countDown();
            release.await(Wait.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return "released";
        }

        @JobHandler("sleepy.job")
        public String sleepy(long ms, JobContext ctx) throws InterruptedException {
            count(ctx);
            Thread.sleep(ms);
            return "slept " + ms;
        }

        @JobHandler("cooperative.job")
        public String cooperative(JobContext ctx) throws InterruptedException {
            count(ctx);
            started.countDown();
            long end = System.nanoTime() + Wait.PATIENCE.toNanos();
            while (!ctx.isCancelled() && System.nanoTime() < end) {
                Thread.sleep(20); // a handler checking its flag between units of work, as JobContext suggests
            }
            TRACE.add(ctx.isCancelled() ? "saw cancellation" : "never cancelled");
            return "stopped";
        }
    }

    // ---- middleware

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Audited {
    }

    @RequestScoped
    public static class PerJob {
        private final String id = java.util.UUID.randomUUID().toString();

        public String id() {
            return id;
        }
    }

    @JobMiddleware
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class Outer {
        @Inject
        JobContext job;

        @Inject
        PerJob perJob;

        @AroundInvoke
        Object around(InvocationContext ic) throws Exception {
            TRACE.add("outer:" + job.jobType() + ":" + perJob.id());
            return ic.proceed();
        }
    }

    @Audited
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION + 10)
    public static class Inner {
        @AroundInvoke
        Object around(InvocationContext ic) throws Exception {
            TRACE.add("inner");
            return ic.proceed();
        }
    }

    @ApplicationScoped
    @Audited
    public static class Intercepted {
        @Inject
        PerJob perJob;

        @Inject
        TraceContext trace;

        @JobHandler("intercepted.job")
        public String run() {
            TRACE.add("handler:" + perJob.id());
            TRACE.add("trace:" + trace.traceId().orElse("none"));
            return "done";
        }
    }

    /** Not intercepted itself: on an intercepted bean, the observer method would run through its interceptors too. */
    @ApplicationScoped
    public static class ExecutedRecorder {
        void executed(@Observes JobExecuted e) {
            EXECUTED.add(e);
        }
    }

    // ---- the handler alone decides the outcome

    @ApplicationScoped
    public static class Settled {
        @JobHandler("settled.job")
        public String run(JobContext ctx) {
            count(ctx);
            return "fine";
        }
    }

    @ApplicationScoped
    public static class ThrowingObserver {
        void executed(@Observes JobExecuted e) {
            EXECUTED.add(e);
            throw new IllegalStateException("observer broke");
        }
    }

    /** A job observer (the hook the telemetry module uses) that throws at every step it is told of. */
    @ApplicationScoped
    public static class ThrowingJobObserver implements org.openjobspec.ee.internal.spi.JobObserver {
        @Override
        public Execution starting(JobContext job, java.time.Instant enqueuedAt) {
            TRACE.add("starting:" + job.jobId() + ":" + (enqueuedAt != null));
            return new Execution() {
                @Override
                public void returned() {
                    TRACE.add("returned:" + job.jobId());
                    throw new IllegalStateException("returned broke");
                }

                @Override
                public void finished(Throwable failure, boolean retryable) {
                    TRACE.add("finished:" + job.jobId() + ":" + (failure == null ? "ok" : failure.getMessage())
                            + ":" + retryable);
                    throw new IllegalStateException("finished broke");
                }
            };
        }
    }

    /** Throws before it is asked anything. */
    @ApplicationScoped
    public static class RefusingJobObserver implements org.openjobspec.ee.internal.spi.JobObserver {
        @Override
        public Execution starting(JobContext job, java.time.Instant enqueuedAt) {
            throw new IllegalStateException("starting broke");
        }
    }

    // ---- async handlers and the request context

    /** Tells the test, by its destruction, that the job's request context ended. */
    @RequestScoped
    public static class ContextWitness {
        public void touch() {
        }

        @jakarta.annotation.PreDestroy
        void ended() {
            requestEnded.countDown();
        }
    }

    @ApplicationScoped
    public static class AsyncContext {
        @Inject
        JobContext injected;

        @Inject
        PerJob perJob;

        @Inject
        ContextWitness witness;

        /** Its continuation runs on a thread of its own once the test completes {@link #proceed}. */
        @JobHandler("async.context")
        public CompletionStage<String> run(JobContext param) {
            witness.touch();
            String during = perJob.id() + "/" + injected.jobId();
            Thread handlerThread = Thread.currentThread();
            return proceed.thenApplyAsync(nothing -> {
                TRACE.add("other thread:" + (Thread.currentThread() != handlerThread));
                TRACE.add("param:" + param.jobId());
                TRACE.add("injected:" + outcome(injected::jobId));
                TRACE.add("perJob:" + outcome(perJob::id));
                return during;
            }, task -> new Thread(task, "continuation").start());
        }

        private static String outcome(java.util.function.Supplier<String> use) {
            try {
                return "ok " + use.get();
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
    }
}
