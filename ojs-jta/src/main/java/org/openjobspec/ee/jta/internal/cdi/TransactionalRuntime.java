package org.openjobspec.ee.jta.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.internal.cdi.ApplicationLifecycle;
import org.openjobspec.ee.internal.cdi.LibraryExecutor;
import org.openjobspec.ee.jta.AfterCommitSendFailed;
import org.openjobspec.ee.jta.OjsOutbox;
import org.openjobspec.ee.jta.OutboxEntry;
import org.openjobspec.ee.jta.TransactionalOjs;
import org.openjobspec.ee.jta.internal.core.OutboxRelay;
import org.openjobspec.ee.jta.internal.core.OutboxStore;
import org.openjobspec.ee.jta.internal.core.Staging;

import static org.openjobspec.ee.jta.internal.Messages.TX_0007;
import static org.openjobspec.ee.jta.internal.Messages.TX_0018;

/**
 * Wires the CDI-free core to the container: makes {@code @Inject TransactionalOjs} and {@code @Inject OjsOutbox}
 * work, and runs the outbox relay from the application's start (late, so the application is ready) to its stop
 * (early, with the grace period), on the library's one executor (see LibraryExecutor).
 */
@ApplicationScoped
public class TransactionalRuntime extends ApplicationLifecycle {

    private static final System.Logger LOG = System.getLogger(TransactionalRuntime.class.getName());

    @Inject
    OjsClient client;

    @Inject
    BeanManager beans;

    @Inject
    LibraryExecutor executor;

    @Inject
    Event<AfterCommitSendFailed> failures;

    private TransactionalConfig config;
    private Jsonb jsonb;
    private OutboxStore store;
    private OutboxRelay relay;
    private Staging staging;
    private boolean started;
    private boolean stopped;

    @Produces
    @ApplicationScoped
    TransactionalOjs transactionalOjs() {
        return staging();
    }

    @Produces
    @ApplicationScoped
    OjsOutbox outbox() {
        return new Outbox();
    }

    synchronized Staging staging() {
        if (staging == null) {
            TransactionalConfig checked = null;
            try {
                checked = beans.getExtension(JtaExtension.class).checked();
            } catch (RuntimeException notRegistered) {
                // a runtime without portable extensions (CDI Lite): the configuration is checked here instead
            }
            config = checked != null ? checked : new TransactionalConfig(ConfigProvider.getConfig(), beans);
            if (!config.problems.isEmpty()) {
                throw new IllegalStateException(JtaExtension.describe(config));
            }
            jsonb = JsonbBuilder.create();
            store = config.store(jsonb);
            if (store != null && config.relay) {
                relay = new OutboxRelay(store, client, config.relaySettings);
            }
            staging = new Staging(config.registry, client, store, relay == null ? () -> { } : relay::wake,
                    config.sendOutside, failures::fire);
        }
        return staging;
    }

    @Override
    protected synchronized void start() {
        staging();
        if (relay == null || stopped || started) {
            return;
        }
        started = true;
        relay.start(executor.executor());
    }

    @Override
    protected synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (relay != null) {
            relay.stop(config.gracePeriod);
        }
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing Jsonb", e);
            }
        }
    }

    private OutboxStore store() {
        staging();
        if (store == null) {
            throw new IllegalStateException(TX_0007 + ": no outbox is configured; set ojs.outbox.datasource to the "
                    + "JNDI name of the application's datasource");
        }
        return store;
    }

    /** {@link OjsOutbox} on the configured store. */
    private final class Outbox implements OjsOutbox {

        @Override
        public long pending() {
            return sql(() -> store().count("pending"));
        }

        @Override
        public List<OutboxEntry> failed(int limit) {
            return sql(() -> store().list("failed", limit));
        }

        @Override
        public boolean retry(String jobId) {
            return retried(sql(() -> store().retryFailed(java.util.Objects.requireNonNull(jobId, "jobId")))) > 0;
        }

        @Override
        public int retryAllFailed() {
            return retried(sql(() -> store().retryFailed(null)));
        }

        private int retried(int rows) {
            if (rows > 0 && relay != null) {
                relay.wake();
            }
            return rows;
        }
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(TX_0018 + ": outbox query failed: " + e.getMessage(), e);
        }
    }
}
