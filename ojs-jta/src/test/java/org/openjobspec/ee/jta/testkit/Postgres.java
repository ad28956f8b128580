package org.openjobspec.ee.jta.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.openjobspec.ee.jta.core.Dialect;

/** A real PostgreSQL 14 on loopback for one test class; each test takes a table of its own. */
public final class Postgres implements OutboxDatabase {

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

    @Override
    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
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
