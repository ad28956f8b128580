package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.openjobspec.ee.internal.client.OwnPool;

import static org.openjobspec.ee.internal.Messages.WRK_0031;
import static org.openjobspec.ee.internal.Messages.WRK_0032;
import static org.openjobspec.ee.internal.Messages.WRK_0033;

/**
 * Where everything the library runs goes, worker and client alike: the container's ManagedExecutorService found
 * under the configured JNDI name; else a MicroProfile Context Propagation ManagedExecutor bean (what Quarkus offers);
 * else, only outside any container, a pool of the library's own, shut down with the application.
 */
record ExecutorChoice(ExecutorService executor, boolean owned, String description) {

    private static final System.Logger LOG = System.getLogger(ExecutorChoice.class.getName());
    private static final String MP_MANAGED_EXECUTOR = "org.eclipse.microprofile.context.ManagedExecutor";

    static ExecutorChoice resolve(String jndiName, BeanManager beans) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof ExecutorService es) {
                return new ExecutorChoice(es, false, "ManagedExecutorService " + jndiName);
            }
            LOG.log(Level.WARNING, WRK_0031 + ": JNDI name {0} holds a {1}, not an executor; ignoring it", jndiName,
                    found == null ? "null" : found.getClass().getName());
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "no ManagedExecutorService under {0}: {1}", jndiName, e.toString());
        }
        if (isPresent(MP_MANAGED_EXECUTOR)) {
            ExecutorService mp = MpManagedExecutor.find(beans);
            if (mp != null) {
                return new ExecutorChoice(mp, false, "MicroProfile ManagedExecutor bean");
            }
        }
        LOG.log(Level.INFO, WRK_0032 + ": no ManagedExecutorService under {0} and no ManagedExecutor bean: "
                + "running the worker and the client on the library''s own pool (fine outside a container, wrong "
                + "inside one)", jndiName);
        return new ExecutorChoice(OwnPool.create("worker"), true, "own pool");
    }

    void shutdownIfOwned() {
        if (!owned) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, WRK_0033 + ": some handler threads did not end within 10 s of stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ExecutorChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
