package org.openjobspec.ee.telemetry.internal.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.internal.spi.EnqueueObserver;
import org.openjobspec.ee.internal.spi.JobObserver;
import org.openjobspec.ee.telemetry.internal.Hooks;
import org.openjobspec.ee.telemetry.internal.otel.OtelHooks;

import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0001;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0002;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0003;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0004;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0005;
import static org.openjobspec.ee.telemetry.internal.Messages.TEL_0006;

/**
 * The telemetry as the library sees it: an observer of every enqueue and every job execution, found by ojs-cdi
 * through CDI. On first use it decides, once, whether there is anything to report to: the configuration allows it,
 * the application sees the OpenTelemetry API, and the runtime (MicroProfile Telemetry) provides an
 * {@code OpenTelemetry} bean. Otherwise it observes nothing, at the cost of one null check per enqueue and per job.
 * <p>
 * Names no OpenTelemetry type (those live in the {@code otel} package, loaded only once the API is known to be
 * there), so it deploys in runtimes without the API.
 */
@ApplicationScoped
public class OjsTelemetry implements EnqueueObserver, JobObserver {

    private static final Logger LOG = Logger.getLogger(OjsTelemetry.class.getName());
    static final String API_CLASS = "io.opentelemetry.api.OpenTelemetry";

    @Inject
    BeanManager beans;

    private Hooks hooks;

    @PostConstruct
    void start() {
        TelemetryConfig config = new TelemetryConfig(ConfigProvider.getConfig());
        if (!config.problems.isEmpty()) {
            // the portable extension fails the deployment first; this is the build compatible path's report
            LOG.log(Level.SEVERE, TEL_0006 + ": telemetry off. " + TelemetryConfig.describe(config.problems));
            return;
        }
        if (!config.anything()) {
            LOG.log(Level.INFO, TEL_0002 + ": telemetry off (" + TelemetryConfig.ENABLED + ", "
                    + TelemetryConfig.TRACES + ", " + TelemetryConfig.METRICS + ")");
            return;
        }
        if (!apiVisible()) {
            LOG.log(Level.INFO, TEL_0003 + ": telemetry off: the application sees no OpenTelemetry API ("
                    + API_CLASS + "); enable MicroProfile Telemetry in the runtime (on Open Liberty also "
                    + "<classloader apiTypeVisibility=\"+third-party\"/> for the application)");
            return;
        }
        try {
            hooks = OtelHooks.create(beans, config.traces, config.metrics);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, TEL_0005 + ": telemetry off: OpenTelemetry failed to set up: " + e, e);
            return;
        }
        if (hooks == null) {
            LOG.log(Level.INFO, TEL_0004 + ": telemetry off: no OpenTelemetry bean; the runtime has no MicroProfile "
                    + "Telemetry, or it is not enabled");
        } else {
            LOG.log(Level.INFO, TEL_0001 + ": " + hooks.description());
        }
    }

    private static boolean apiVisible() {
        try {
            Class.forName(API_CLASS, false, OjsTelemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Sending sending(Operation operation, String workflowName, List<OutgoingJob> jobs) {
        return hooks == null ? null : hooks.sending(operation, workflowName, jobs);
    }

    @Override
    public Execution starting(JobContext job, Instant enqueuedAt) {
        return hooks == null ? null : hooks.starting(job, enqueuedAt);
    }
}
