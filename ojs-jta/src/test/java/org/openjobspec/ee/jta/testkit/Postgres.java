package org.openjobspec.ee.jta.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.openjobspec.ee.jta.core.Dialect;
import org.openjobspec.ee.jta.core.OutboxStore;

/** A real PostgreSQL 14 on loopback for one test class; each test takes a table of its own. */
public final class Postgres implements OutboxDatabase {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final EmbeddedPostgres pg;

    private Postgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static Postgres start() {
        try {
            return new Postgres(EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    /** A new, empty outbox table created with the README's DDL; returns its name. */
    public String newTable() {
        String table = "outbox_" + TABLES.incrementAndGet();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String ddl : Dialect.POSTGRESQL.ddl(table)) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return table;
    }

    @Override
    public OutboxStore store(String table) {
        return new OutboxStore(dataSource(), table, Dialect.POSTGRESQL, JsonbBuilder.create());
    }

    @Override
    public OutboxStore newStore() {
        return store(newTable());
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
