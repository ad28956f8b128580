package org.openjobspec.ee.internal.cron;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsConflictException;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsNotFoundException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.internal.worker.Backoff;
import org.openjobspec.ee.model.CronJob;

import static org.openjobspec.ee.internal.Messages.WRK_0050;
import static org.openjobspec.ee.internal.Messages.WRK_0051;
import static org.openjobspec.ee.internal.Messages.WRK_0052;
import static org.openjobspec.ee.internal.Messages.WRK_0053;
import static org.openjobspec.ee.internal.Messages.WRK_0054;

/**
 * Makes the server's cron entries of the given names match what the application declares, once, when it starts.
 * Entries are keyed by name: a missing one is registered, one that differs (schedule, zone, overlap, job type, args,
 * queue) is registered again, which replaces it on servers that upsert; entries of other names are never touched, and
 * those of {@code disabled} names are removed. Every step is idempotent, so many instances of one application may
 * reconcile at once: they all write the same entries.
 *
 * <p>A server that cannot be reached (transport failure, 5xx, 429) does not fail the application: the whole pass is
 * tried again in the background, with exponential backoff and jitter (at least the server's {@code Retry-After}),
 * until it succeeds or the application stops. A server that refuses one entry (4xx) is logged and not asked again.
 * Passes run on the given executor; between them no thread is held (the JDK's delay timer submits the next).
 * Free of CDI.
 */
public final class CronReconciler {

    private static final System.Logger LOG = System.getLogger(CronReconciler.class.getName());

    /** What one successful pass did, by entry name. */
    public record Outcome(List<String> registered, List<String> updated, List<String> unchanged,
                          List<String> removed, List<String> refused) {
    }

    private final OjsClient client;
    private final List<CronDefinition> wanted;
    private final Set<String> disabled;
    private final Executor executor;
    private final Backoff backoff;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile ClassLoader loader;
    private boolean upsertMissing;

    /**
     * @param wanted   the entries to have on the server
     * @param disabled names to remove from the server if there
     */
    public CronReconciler(OjsClient client, List<CronDefinition> wanted, Set<String> disabled, Executor executor,
                          Duration initialBackoff, Duration maxBackoff) {
        this.client = client;
        this.wanted = List.copyOf(wanted);
        this.disabled = Set.copyOf(disabled);
        this.executor = executor;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
    }

    /**
     * Runs the first pass on the executor. Passes run with the starting thread's context class loader: a retry is
     * submitted from the JDK's timer thread, which has none of the application's context.
     */
    public void start() {
        loader = Thread.currentThread().getContextClassLoader();
        submit(this::pass);
    }

    /** Stops retrying; a pass in flight finishes its current call. */
    public void stop() {
        stopped = true;
        done.cancel(false);
    }

    /** Completes with the outcome of the pass that reached the server. */
    public CompletableFuture<Outcome> done() {
        return done;
    }

    private void submit(Runnable pass) {
        try {
            executor.execute(pass);
        } catch (RejectedExecutionException e) {
            // the application is stopping
            stop();
        }
    }

    private void pass() {
        if (stopped) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            attempt();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void attempt() {
        try {
            Outcome outcome = reconcile();
            backoff.reset();
            LOG.log(Level.INFO, WRK_0052 + ": cron entries reconciled with the server: registered {0}, updated {1}, "
                            + "unchanged {2}, removed (disabled) {3}{4}", outcome.registered(), outcome.updated(),
                    outcome.unchanged(), outcome.removed(),
                    outcome.refused().isEmpty() ? "" : ", refused " + outcome.refused());
            done.complete(outcome);
        } catch (OjsException e) {
            if (!unreachable(e)) {
                LOG.log(Level.ERROR, WRK_0051 + ": the server refused a cron call ({0}: {1}); the application''s "
                        + "@Cron entries are not all reconciled", e.code(), e.getMessage());
                done.completeExceptionally(e);
                return;
            }
            Duration wait = backoff.nextDelay(e.retryAfter().orElse(null));
            LOG.log(Level.WARNING, WRK_0050 + ": cron entries not reconciled yet, the server is unreachable ({0}); "
                    + "trying again in {1}", e.getMessage(), wait);
            if (!stopped) {
                CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> submit(this::pass));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, WRK_0051 + ": cron reconciliation failed; the application''s @Cron entries are "
                    + "not reconciled", e);
            done.completeExceptionally(e);
        }
    }

    /** One pass; an unreachable server's exception leaves it, to be tried again whole. */
    private Outcome reconcile() {
        Map<String, CronJob> existing = new LinkedHashMap<>();
        for (CronJob j : client.cronJobs()) {
            existing.put(j.name(), j);
        }
        List<String> registered = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (CronDefinition d : wanted) {
            CronJob there = existing.get(d.name());
            if (there != null && same(d, there)) {
                unchanged.add(d.name());
                continue;
            }
            try {
                register(d);
                (there == null ? registered : updated).add(d.name());
            } catch (OjsException e) {
                if (unreachable(e)) {
                    throw e;
                }
                LOG.log(Level.ERROR, WRK_0051 + ": the server refused cron entry ''{0}'' ({1}: {2}); it is not "
                        + "registered", d.name(), e.code(), e.getMessage());
                refused.add(d.name());
            }
        }
        for (String name : disabled) {
            if (existing.containsKey(name)) {
                try {
                    client.unregisterCron(name);
                } catch (OjsNotFoundException e) {
                    // another instance removed it first
                }
                LOG.log(Level.INFO, WRK_0053 + ": cron entry ''{0}'' is disabled by configuration: removed from "
                        + "the server", name);
                removed.add(name);
            }
        }
        return new Outcome(registered, updated, unchanged, removed, refused);
    }

    /**
     * Registers {@code d}, replacing an entry of its name. A server that answers 409 for a name it has (the HTTP
     * binding's rule; the cron spec and the embedded server upsert) gets unregister and register: for that moment
     * the entry is missing, and a tick falling into it is lost.
     */
    private void register(CronDefinition d) {
        if (!upsertMissing) {
            try {
                client.registerCron(d);
                return;
            } catch (OjsConflictException e) {
                upsertMissing = true;
                LOG.log(Level.INFO, WRK_0054 + ": the server does not replace cron entries on register (409); "
                        + "replacing ''{0}'' by unregister and register", d.name());
            }
        }
        try {
            client.unregisterCron(d.name());
        } catch (OjsNotFoundException e) {
            // nothing to replace
        }
        try {
            client.registerCron(d);
        } catch (OjsConflictException e) {
            // another instance registered it in between; it registers what we would
        }
    }

    static boolean unreachable(OjsException e) {
        return e instanceof OjsUnavailableException || e instanceof OjsRateLimitedException || e.httpStatus() >= 500;
    }

    /** Whether the server's entry already is {@code d}; fields a server does not send are not compared. */
    static boolean same(CronDefinition d, CronJob j) {
        if (!Objects.equals(trim(d.expression()), trim(j.effectiveExpression()))
                || !Objects.equals(zone(d.timezone()), zone(j.timezone()))
                || !Objects.equals(overlap(d.overlap()), j.overlapPolicy() == null ? "allow"
                        : j.overlapPolicy().toLowerCase(Locale.ROOT))
                || !Objects.equals(d.job().type(), j.effectiveJobType())) {
            return false;
        }
        if (j.jobTemplate() == null) {
            return true;
        }
        JsonArray args = d.job().args() instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        JsonArray theirs = j.jobTemplate().args() == null ? JsonValue.EMPTY_JSON_ARRAY : j.jobTemplate().args();
        String queue = j.jobTemplate().options() == null ? null : j.jobTemplate().options().queue();
        return args.equals(theirs) && queue(d.job().options().queue()).equals(queue(queue));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String zone(String z) {
        return z == null || z.isEmpty() ? "UTC" : z;
    }

    private static String overlap(CronDefinition.Overlap o) {
        return o == null ? "allow" : o.name().toLowerCase(Locale.ROOT);
    }

    private static String queue(String q) {
        return q == null || q.isEmpty() ? "default" : q;
    }
}
