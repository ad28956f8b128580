package org.openjobspec.ee.jta.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjobspec.ee.jta.core.Dialect;

/** An in-memory H2 database, kept open until closed. */
public final class H2 implements OutboxDatabase {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepOpen;

    public H2() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID());
        keepOpen = dataSource.getConnection();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
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
