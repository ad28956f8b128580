package org.openjobspec.ee.jta.testkit;

import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.openjobspec.ee.jta.core.Dialect;
import org.openjobspec.ee.jta.core.OutboxStore;

/** An in-memory H2 database, kept open until closed. */
public final class H2 implements OutboxDatabase {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepOpen;
    private int tables;

    public H2() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID());
        keepOpen = dataSource.getConnection();
    }

    @Override
    public OutboxStore newStore() {
        String table = "outbox_" + ++tables;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : Dialect.H2.ddl(table)) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return store(table);
    }

    @Override
    public OutboxStore store(String table) {
        return new OutboxStore(dataSource, table, Dialect.H2, JsonbBuilder.create());
    }

    @Override
    public void close() {
        try {
            keepOpen.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
