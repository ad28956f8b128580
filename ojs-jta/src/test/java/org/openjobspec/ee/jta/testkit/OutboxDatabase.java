package org.openjobspec.ee.jta.testkit;

import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.openjobspec.ee.jta.core.Dialect;
import org.openjobspec.ee.jta.core.OutboxStore;

/** A real database the outbox relay tests run on. */
public interface OutboxDatabase extends AutoCloseable {

    AtomicInteger TABLES = new AtomicInteger();

    DataSource dataSource();

    Dialect dialect();

    /** A new, empty outbox table created with the README's DDL; returns its name. */
    default String newTable() {
        String table = "outbox_" + TABLES.incrementAndGet();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String ddl : dialect().ddl(table)) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return table;
    }

    /** A store on a new, empty outbox table. */
    default OutboxStore newStore() {
        return store(newTable());
    }

    /** Another store on an existing table, as a second application instance would have. */
    default OutboxStore store(String table) {
        return new OutboxStore(dataSource(), table, dialect(), JsonbBuilder.create());
    }

    @Override
    void close();
}
