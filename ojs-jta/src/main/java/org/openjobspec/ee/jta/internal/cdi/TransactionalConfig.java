package org.openjobspec.ee.jta.internal.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigDurations;
import org.openjobspec.ee.jta.internal.Messages;
import org.openjobspec.ee.jta.internal.core.Dialect;
import org.openjobspec.ee.jta.internal.core.OutboxRelay;
import org.openjobspec.ee.jta.internal.core.OutboxStore;

import static org.openjobspec.ee.jta.internal.Messages.CFG_0100;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0101;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0102;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0103;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0104;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0105;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0106;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0107;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0108;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0109;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0111;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0112;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0113;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0114;
import static org.openjobspec.ee.jta.internal.Messages.CFG_0115;

/**
 * Reads and checks the transactional enqueue's MicroProfile Config keys and resolves what they name: the
 * container's TransactionSynchronizationRegistry and, in outbox mode, the datasource and its outbox table. Every
 * problem is collected with its id, so a deployment reports all of them at once instead of failing at the first
 * enqueue.
 */
final class TransactionalConfig {

    static final String OUTSIDE = "ojs.transactional.outside-transaction";
    static final String DATASOURCE = "ojs.outbox.datasource";
    static final String TABLE = "ojs.outbox.table";
    static final String CREATE_TABLE = "ojs.outbox.create-table";
    static final String BATCH_SIZE = "ojs.outbox.batch-size";
    static final String POLL_INTERVAL = "ojs.outbox.poll-interval";
    static final String BACKOFF_MAX = "ojs.outbox.backoff-max";
    static final String RETENTION = "ojs.outbox.retention";
    static final String GRACE_PERIOD = "ojs.outbox.grace-period";
    static final String RELAY = "ojs.outbox.relay";
    static final Set<String> OUTBOX_KEYS = Set.of(DATASOURCE, TABLE, CREATE_TABLE, BATCH_SIZE, POLL_INTERVAL,
            BACKOFF_MAX, RETENTION, GRACE_PERIOD, RELAY);

    static final String TSR_JNDI = "java:comp/TransactionSynchronizationRegistry";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    final List<String> problems = new ArrayList<>();
    final boolean sendOutside;
    final TransactionSynchronizationRegistry registry;
    final String table;
    final boolean relay;
    final Duration gracePeriod;
    final OutboxRelay.Settings relaySettings;
    /** Null in after-commit mode. */
    final DataSource dataSource;
    final Dialect dialect;

    TransactionalConfig(Config config, BeanManager beans) {
        sendOutside = value(config, OUTSIDE, true, v -> switch (v) {
            case "send" -> true;
            case "fail" -> false;
            default -> null;
        }, CFG_0100, "must be send or fail");
        registry = registry(beans);
        table = value(config, TABLE, "ojs_outbox", v -> TABLE_NAME.matcher(v).matches() ? v : null, CFG_0102,
                "must be a table name, optionally with its schema (letters, digits, _), such as ojs_outbox");
        boolean create = value(config, CREATE_TABLE, false, TransactionalConfig::bool, CFG_0104,
                "must be true or false");
        int batchSize = value(config, BATCH_SIZE, 100, v -> range(v, 1, 1000), CFG_0105,
                "must be a whole number from 1 to 1000");
        Duration poll = value(config, POLL_INTERVAL, Duration.ofSeconds(1), v -> duration(v, false), CFG_0106,
                "must be a positive duration: " + ConfigDurations.FORMS);
        Duration backoffMax = value(config, BACKOFF_MAX, Duration.ofSeconds(30), v -> duration(v, false),
                CFG_0107, "must be a positive duration: " + ConfigDurations.FORMS);
        Duration retention = value(config, RETENTION, Duration.ZERO, v -> duration(v, true), CFG_0108,
                "must be a duration (0 deletes sent rows at once; 24h keeps them a day): " + ConfigDurations.FORMS);
        gracePeriod = value(config, GRACE_PERIOD, Duration.ofSeconds(10), v -> duration(v, true), CFG_0109,
                "must be a duration: " + ConfigDurations.FORMS);
        relay = value(config, RELAY, true, TransactionalConfig::bool, CFG_0111, "must be true or false");
        relaySettings = new OutboxRelay.Settings(batchSize, poll, backoffMax, retention);
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("ojs.outbox.") && !OUTBOX_KEYS.contains(key)) {
                problems.add(CFG_0112 + ": unknown key '" + key + "'; the outbox reads " + OUTBOX_KEYS.stream()
                        .sorted().toList());
            }
        }
        Optional<String> dsName = config.getOptionalValue(DATASOURCE, String.class).map(String::trim);
        dataSource = dsName.map(this::dataSource).orElse(null);
        dialect = dataSource == null ? null : dialect(dataSource, dsName.get());
        if (dialect != null && problems.isEmpty()) {
            table(create);
        }
    }

    OutboxStore store(jakarta.json.bind.Jsonb jsonb) {
        return dataSource == null ? null : new OutboxStore(dataSource, table, dialect, jsonb);
    }

    private <T> T value(Config config, String key, T def, Function<String, T> parse, Messages id, String rule) {
        Optional<String> raw = config.getOptionalValue(key, String.class).map(String::trim);
        if (raw.isEmpty()) {
            return def;
        }
        T parsed = parse.apply(raw.get());
        if (parsed == null) {
            problems.add(id + ": " + key + "='" + raw.get() + "' " + rule);
            return def;
        }
        return parsed;
    }

    private static Boolean bool(String v) {
        return v.equalsIgnoreCase("true") ? Boolean.TRUE : v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static Integer range(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration duration(String v, boolean zeroAllowed) {
        Duration d = ConfigDurations.parse(v);
        return d == null || d.isNegative() || (d.isZero() && !zeroAllowed) ? null : d;
    }

    private TransactionSynchronizationRegistry registry(BeanManager beans) {
        try {
            if (new InitialContext().lookup(TSR_JNDI) instanceof TransactionSynchronizationRegistry found) {
                return found;
            }
        } catch (NamingException | RuntimeException e) {
            // not in JNDI: try CDI below
        }
        var candidates = beans.getBeans(TransactionSynchronizationRegistry.class);
        if (!candidates.isEmpty()) {
            var bean = beans.resolve(candidates);
            return (TransactionSynchronizationRegistry) beans.getReference(bean,
                    TransactionSynchronizationRegistry.class, beans.createCreationalContext(bean));
        }
        problems.add(CFG_0113 + ": no JTA TransactionSynchronizationRegistry, neither under " + TSR_JNDI
                + " nor as a CDI bean; TransactionalOjs needs a JTA transaction manager: enable the container's "
                + "transaction feature (Liberty: transaction-2.0 or jdbc-4.3) or remove ojs-jta");
        return null;
    }

    private DataSource dataSource(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource ds) {
                return ds;
            }
            problems.add(CFG_0101 + ": " + DATASOURCE + "='" + name + "' names a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException | RuntimeException e) {
            problems.add(CFG_0101 + ": " + DATASOURCE + "='" + name + "' cannot be looked up (" + e
                    + "); give the JNDI name of the JTA datasource the application writes its data with, such as "
                    + "jdbc/orders, or unset it for after-commit mode");
        }
        return null;
    }

    private Dialect dialect(DataSource ds, String name) {
        try {
            Dialect d = OutboxStore.detect(ds);
            if (d == null) {
                problems.add(CFG_0114 + ": the database behind " + name + " is not supported by the outbox; it "
                        + "needs SELECT ... FOR UPDATE SKIP LOCKED: PostgreSQL, MariaDB 10.6+, MySQL 8, Oracle, H2");
            }
            return d;
        } catch (SQLException | RuntimeException e) {
            problems.add(CFG_0101 + ": cannot connect through " + DATASOURCE + "='" + name + "': " + e);
            return null;
        }
    }

    private void table(boolean create) {
        OutboxStore store = new OutboxStore(dataSource, table, dialect, null);
        try {
            store.check();
            return;
        } catch (SQLException e) {
            if (!create) {
                problems.add(CFG_0103 + ": outbox table '" + table + "' is missing or lacks a column (" + e.getMessage()
                        + "); create it with the DDL in the README (" + dialect + "):\n"
                        + String.join(";\n", dialect.ddl(table)) + "\nor set " + CREATE_TABLE + "=true");
                return;
            }
        }
        try {
            store.create();
            store.check();
        } catch (SQLException e) {
            problems.add(CFG_0115 + ": cannot create outbox table '" + table + "' (" + CREATE_TABLE + "=true): "
                    + e.getMessage() + "; create it yourself with the DDL in the README");
        }
    }
}
