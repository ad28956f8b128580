package org.openjobspec.ee.jta.testkit;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.cdi.LibraryExecutor;
import org.openjobspec.ee.internal.cdi.OjsClientProducer;
import org.openjobspec.ee.jta.internal.cdi.TransactionalRuntime;

/**
 * What a Jakarta EE container gives an application, assembled for Weld SE: Narayana as the JTA transaction manager
 * (with its CDI module for {@code @Transactional}), an Agroal pool on a real PostgreSQL whose connections enlist in
 * the JTA transaction, and JNDI names for both.
 */
public final class JtaWorld implements AutoCloseable {

    public static final String DATASOURCE = "jdbc/orders";

    public final OutboxDatabase pg;
    public final AgroalDataSource dataSource;
    public final TransactionManager tm;
    public final UserTransaction ut;
    public final TransactionSynchronizationRegistry tsr;

    public JtaWorld() throws Exception {
        arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier("ojs-jta-test");
        // Narayana keeps its transaction log here (one per JVM: the first setting wins); mvn clean removes it
        arjPropertyManager.getObjectStoreEnvironmentBean().setObjectStoreDir("target/narayana-object-store");
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        ut = com.arjuna.ats.jta.UserTransaction.userTransaction();
        tsr = new TransactionSynchronizationRegistryImple();
        pg = OutboxDatabase.postgres();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(20)
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(pg.jdbcUrl())
                                .principal(new NamePrincipal("postgres")).credential(new SimplePassword("postgres")))));
        sql("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(36))");
        TestNaming.install();
        TestNaming.bind("java:comp/TransactionSynchronizationRegistry", tsr);
        TestNaming.bind("java:comp/UserTransaction", ut);
        // where Narayana's own CDI beans look them up (its defaults)
        TestNaming.bind("java:/TransactionManager", tm);
        TestNaming.bind("java:/TransactionSynchronizationRegistry", tsr);
        TestNaming.bind(DATASOURCE, dataSource);
    }

    public void sql(String statement) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** A booted application; closing it stops Weld and removes its configuration. */
    public record App(WeldContainer weld, Map<String, String> config) implements AutoCloseable {

        public <T> T get(Class<T> type) {
            return weld.select(type).get();
        }

        @Override
        public void close() {
            try {
                weld.close();
            } finally {
                config.keySet().forEach(System::clearProperty);
            }
        }
    }

    /**
     * Boots Weld SE with every extension on the class path, the library beans and {@code beans}, configured by
     * {@code config} (system properties while the application runs).
     */
    public static App boot(Map<String, String> config, Class<?>... beans) {
        config.forEach(System::setProperty);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
        Weld weld = new Weld().disableDiscovery();
        for (Extension e : ServiceLoader.load(Extension.class)) {
            weld.addExtension(e);
        }
        weld.addBeanClasses(TransactionalRuntime.class, OjsClientProducer.class, LibraryExecutor.class);
        weld.addBeanClasses(beans);
        try {
            return new App(weld.initialize(), config);
        } catch (RuntimeException e) {
            config.keySet().forEach(System::clearProperty);
            throw e;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        pg.close();
        TestNaming.clear();
    }
}
