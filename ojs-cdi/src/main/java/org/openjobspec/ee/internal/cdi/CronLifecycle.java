package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.internal.ConfigDurations;
import org.openjobspec.ee.internal.cron.CronReconciler;

/**
 * Reconciles the application's {@code @Cron} entries with the server when the application starts (in the background:
 * a server that is down does not hold up or fail the start, see {@link CronReconciler}), and stops retrying when it
 * stops. Independent of the worker: an instance with {@code ojs.worker.enabled=false} still registers the entries.
 */
@ApplicationScoped
public class CronLifecycle extends ApplicationLifecycle {

    private static final System.Logger LOG = System.getLogger(CronLifecycle.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

    @Inject
    HandlerCatalog catalog;

    @Inject
    LibraryExecutor libraryExecutor;

    private OjsClient client;
    private CronReconciler reconciler;
    private boolean started;
    private boolean stopped;

    /** As for the worker: on Quarkus only {@code Startup} starts it, once runtime configuration exists. */
    @Override
    protected boolean startsWithApplicationContext() {
        return !catalog.fromBuildTime();
    }

    /** For tests and health: the outcome of the reconciliation, empty when the application declares no {@code @Cron}. */
    public CompletableFuture<CronReconciler.Outcome> reconciled() {
        synchronized (this) {
            return reconciler == null ? CompletableFuture.completedFuture(null) : reconciler.done();
        }
    }

    @Override
    protected synchronized void start() {
        if (started || stopped || catalog.crons().isEmpty()) {
            return;
        }
        started = true;
        Config config = ConfigProvider.getConfig();
        List<CronSpec> crons = catalog.crons();
        CronConfig cronConfig = CronConfig.read(config, crons);
        List<String> problems = new ArrayList<>();
        if (catalog.fromBuildTime()) {
            // the portable extension reports these at deployment; this is the build compatible path's check
            problems.addAll(cronConfig.problems());
            problems.addAll(CronValidator.bindProblems(crons, HandlerMethods.contextLoader()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(Problems.describe(problems));
        }
        List<CronDefinition> wanted = new ArrayList<>();
        Set<String> disabled = new LinkedHashSet<>();
        for (CronConfig.Effective e : cronConfig.entries()) {
            if (e.enabled()) {
                wanted.add(definition(e));
            } else {
                disabled.add(e.spec().name());
            }
        }
        Duration backoffMax = config.getOptionalValue(WorkerConfig.BACKOFF_MAX, String.class)
                .map(ConfigDurations::parse).filter(d -> !d.isZero() && !d.isNegative()).orElse(DEFAULT_BACKOFF_MAX);
        var executor = libraryExecutor.choice().executor();
        client = OjsClient.builder().settings(ClientSettings.fromConfig(config)).executor(executor).build();
        reconciler = new CronReconciler(client, wanted, disabled, executor, FIRST_RETRY, backoffMax);
        LOG.log(Level.DEBUG, "reconciling cron entries {0}, disabled {1}", wanted.stream().map(CronDefinition::name)
                .toList(), disabled);
        reconciler.start();
    }

    @Override
    protected synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (reconciler != null) {
            reconciler.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    private static CronDefinition definition(CronConfig.Effective e) {
        CronSpec c = e.spec();
        EnqueueOptions options = c.queue().isEmpty() ? EnqueueOptions.defaults()
                : EnqueueOptions.defaults().queue(c.queue());
        JobSpec job = JobSpec.of(c.jobType(), CronValidator.args(c.args()), options);
        return CronDefinition.of(c.name(), e.expression(), job).timezone(ZoneId.of(e.timezone()))
                .overlap(CronDefinition.Overlap.valueOf(c.overlap()));
    }
}
