package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.internal.Messages;
import org.openjobspec.ee.testing.internal.kit.KitHttp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Assertions over the jobs an application enqueued on the embedded OJS server, and {@link #drain} to run them
 * through the application's own worker and handlers. It talks to the server's admin endpoints over HTTP, so it works
 * in any test that can reach the server: beside it (Weld SE, {@code @QuarkusTest}) or inside an application server
 * (an Arquillian in-container test).
 * <pre>{@code
 * @OjsServerTest                              // the server is cleared before each test that takes the kit
 * class SignupTest {
 *     @Test
 *     void sendsTheWelcomeMail(OjsTestKit ojs) {
 *         signup.signUp("ada@example.org", "Ada");
 *         ojs.assertEnqueued("email.send", withArgs("[{\"to\": \"ada@example.org\"}]").and(inQueue("email")));
 *         List<EnqueuedJob> ran = ojs.drain("email");
 *         assertTrue(ran.get(0).isCompleted());
 *     }
 * }
 * }</pre>
 * Without the JUnit extension: {@code OjsTestKit.connect(url)}, and {@link #clear()} in {@code @BeforeEach}.
 * <p>
 * "Enqueued" means enqueued since the last {@link #clear()}, whatever happened to the job since: the application's
 * worker may already have run it. Safe to use from any thread.
 */
public final class OjsTestKit {

    /** How long {@link #drain} waits for the jobs to finish before it fails, unless set otherwise. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** States in which a job of a drained queue is still to be run (again). */
    private static final Set<String> WAITING = Set.of("available", "active", "retryable");

    private final KitHttp http;
    /** Jobs an earlier {@link #drain} returned: each finished job is returned once. */
    private final Set<String> drained = ConcurrentHashMap.newKeySet();
    private volatile Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

    private OjsTestKit(KitHttp http) {
        this.http = http;
    }

    /** A kit for the embedded OJS server at {@code url} (e.g. the application's {@code ojs.url}). */
    public static OjsTestKit connect(URI url) {
        return connect(url, null);
    }

    /** A kit for an embedded OJS server that requires the bearer token {@code authToken} (null: none). */
    public static OjsTestKit connect(URI url, String authToken) {
        return new OjsTestKit(new KitHttp(Objects.requireNonNull(url, "url"), authToken));
    }

    /** A kit for {@code server}, in the same JVM. */
    public static OjsTestKit of(EmbeddedOjsServer server) {
        return connect(server.url(), server.authToken());
    }

    /** The server's base URL. */
    public URI url() {
        return URI.create(http.base());
    }

    /**
     * Sets how long {@link #drain} may wait for the jobs to finish: a bound for failure only, never a pause
     * (default {@link #DEFAULT_DRAIN_TIMEOUT}).
     *
     * @return this kit
     */
    public OjsTestKit drainTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(Messages.SRV_0915 + ": drain timeout must be positive, got " + timeout);
        }
        this.drainTimeout = timeout;
        return this;
    }

    // ---------------------------------------------------------------- what was enqueued

    /** Every job enqueued since the last {@link #clear()}, oldest first, in whatever state it is now. */
    public List<EnqueuedJob> enqueued() {
        return read(Set.of());
    }

    /** The jobs of type {@code type} enqueued since the last {@link #clear()}, oldest first. */
    public List<EnqueuedJob> enqueued(String type) {
        Objects.requireNonNull(type, "type");
        return enqueued().stream().filter(j -> j.type().equals(type)).toList();
    }

    /**
     * Asserts that a job of type {@code type} was enqueued.
     *
     * @return the first such job
     * @throws AssertionError listing the jobs enqueued, when there is none
     */
    public EnqueuedJob assertEnqueued(String type) {
        return assertEnqueued(type, job -> true, "");
    }

    /**
     * Asserts that a job of type {@code type} was enqueued with args containing {@code argsJson} (see
     * {@link EnqueuedJob#withArgs(String)}).
     *
     * @return the first such job
     */
    public EnqueuedJob assertEnqueued(String type, String argsJson) {
        return assertEnqueued(type, EnqueuedJob.withArgs(argsJson), " with args containing " + argsJson);
    }

    /**
     * Asserts that a job of type {@code type} matching {@code matching} was enqueued, e.g.
     * {@code assertEnqueued("email.send", withArgs("[{\"to\": \"ada@example.org\"}]").and(inQueue("email")))}.
     *
     * @return the first such job
     */
    public EnqueuedJob assertEnqueued(String type, Predicate<EnqueuedJob> matching) {
        return assertEnqueued(type, matching, " matching the given condition");
    }

    private EnqueuedJob assertEnqueued(String type, Predicate<EnqueuedJob> matching, String what) {
        Objects.requireNonNull(matching, "matching");
        List<EnqueuedJob> all = enqueued();
        return all.stream().filter(j -> j.type().equals(type) && matching.test(j)).findFirst()
                .orElseThrow(() -> new AssertionError(Messages.SRV_0913 + ": expected a job of type '" + type + "'"
                        + what + " to be enqueued, but " + describe(all)));
    }

    /** Asserts that no job of type {@code type} was enqueued. */
    public void refuteEnqueued(String type) {
        refuteEnqueued(type, job -> true, "");
    }

    /** Asserts that no job of type {@code type} with args containing {@code argsJson} was enqueued. */
    public void refuteEnqueued(String type, String argsJson) {
        refuteEnqueued(type, EnqueuedJob.withArgs(argsJson), " with args containing " + argsJson);
    }

    /** Asserts that no job of type {@code type} matching {@code matching} was enqueued. */
    public void refuteEnqueued(String type, Predicate<EnqueuedJob> matching) {
        refuteEnqueued(type, matching, " matching the given condition");
    }

    private void refuteEnqueued(String type, Predicate<EnqueuedJob> matching, String what) {
        Objects.requireNonNull(matching, "matching");
        List<EnqueuedJob> found = enqueued().stream().filter(j -> j.type().equals(type) && matching.test(j))
                .toList();
        if (!found.isEmpty()) {
            throw new AssertionError(Messages.SRV_0914 + ": expected no job of type '" + type + "'" + what
                    + " to be enqueued, but found " + found.size() + ": " + lines(found));
        }
    }

    /**
     * Drops every job, queue, workflow and dead-lettered job on the server, so the next test starts from a clean
     * server. Cron entries and the workers' registrations stay: the application made them once, at its start.
     */
    public void clear() {
        http.clear();
        drained.clear();
    }

    // ---------------------------------------------------------------- drain

    /**
     * Lets the application's worker run every job of {@code queues} (none given: of every queue) until none is
     * left to run, and returns the jobs that finished, each once across the calls of this kit, oldest enqueue
     * first, with their outcome: state, attempts, result, errors.
     * <ul>
     *   <li>The jobs run in the application, through its real handlers and middleware, on its worker: the worker
     *       must be running and serve these queues ({@code ojs.worker.enabled}, {@code ojs.worker.queues}).</li>
     *   <li>Jobs a handler enqueues on one of these queues while the drain runs are drained too.</li>
     *   <li>A job that fails and may be retried runs again at once (the kit skips the retry backoff) until it
     *       completes or its attempts are exhausted; it is returned once, with its final state.</li>
     *   <li>Scheduled jobs (a future {@code scheduled_at} or delay) and workflow steps still waiting for their
     *       parents are not run and not returned.</li>
     *   <li>A job the worker had already finished before the call is returned too, unless an earlier drain
     *       returned it.</li>
     * </ul>
     * It returns as soon as none of these queues holds an available, active or retryable job, seen in one reading of
     * the server, so it never depends on the machine's speed.
     *
     * @throws AssertionError when jobs are still waiting after {@link #drainTimeout(Duration)}, naming them
     */
    public List<EnqueuedJob> drain(String... queues) {
        Set<String> names = queueNames(queues);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (true) {
            List<EnqueuedJob> jobs = read(names);
            List<EnqueuedJob> waiting = jobs.stream().filter(j -> WAITING.contains(j.state())).toList();
            if (waiting.isEmpty()) {
                List<EnqueuedJob> ran = new ArrayList<>();
                for (EnqueuedJob j : jobs) {
                    if (j.isFinished() && j.attempt() > 0 && drained.add(j.id())) {
                        ran.add(j);
                    }
                }
                return ran;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(Messages.SRV_0910 + ": drain of " + (names.isEmpty() ? "every queue"
                        : "queues " + names) + " did not finish within " + drainTimeout + "; still waiting: "
                        + lines(waiting) + ". Is the application's worker running (ojs.worker.enabled) and serving"
                        + " these queues (ojs.worker.queues), and is none of them paused?");
            }
            if (waiting.stream().anyMatch(j -> j.state().equals("retryable"))) {
                http.retryNow(names); // skip the backoff, and look again at once
            } else {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static Set<String> queueNames(String... queues) {
        Set<String> names = new LinkedHashSet<>();
        for (String q : queues == null ? new String[0] : queues) {
            if (q == null || q.isBlank()) {
                throw new IllegalArgumentException(Messages.SRV_0915 + ": queue names must not be blank, got "
                        + Arrays.toString(queues));
            }
            names.add(q.trim());
        }
        return names;
    }

    private List<EnqueuedJob> read(Set<String> queues) {
        JsonObject answer = http.jobs(queues);
        return answer.getJsonArray("jobs").stream().map(JsonValue::asJsonObject).map(EnqueuedJob::new).toList();
    }

    private static String describe(List<EnqueuedJob> all) {
        return all.isEmpty() ? "no job was enqueued" : "the jobs enqueued were: " + lines(all);
    }

    private static String lines(List<EnqueuedJob> jobs) {
        return jobs.stream().map(EnqueuedJob::toString).collect(Collectors.joining("; ", "[", "]"));
    }

    @Override
    public String toString() {
        return "OjsTestKit[" + http.base() + "]";
    }
}
