package org.openjobspec.ee.jta.internal.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the transactional enqueue's configuration when the application deploys (CDI Full containers): a missing
 * datasource, table or transaction manager fails the deployment with every problem and its id, instead of the
 * first enqueue. The checked configuration is handed to {@link TransactionalRuntime}.
 */
public class JtaExtension implements Extension {

    private TransactionalConfig checked;

    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        TransactionalConfig config = new TransactionalConfig(ConfigProvider.getConfig(), beans);
        if (config.problems.isEmpty()) {
            checked = config;
        } else {
            event.addDeploymentProblem(new DeploymentException(describe(config)));
        }
    }

    /** The configuration checked at deployment, or null where this extension did not run. */
    TransactionalConfig checked() {
        return checked;
    }

    static String describe(TransactionalConfig config) {
        int n = config.problems.size();
        return "OJS found " + n + " transactional enqueue problem" + (n == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", config.problems);
    }
}
