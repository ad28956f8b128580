package org.openjobspec.ee.health.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

/**
 * The portable extension (CDI Full: Open Liberty, Payara, Weld). Where the runtime has the MicroProfile Health API
 * and the checks are enabled, it adds the three check classes as application scoped beans; elsewhere it adds
 * nothing, so an application whose runtime lacks MP Health deploys and runs as before. At
 * {@code AfterDeploymentValidation} it reports every {@code ojs.health.*} problem in one deployment failure.
 */
public class HealthExtension implements Extension {

    private HealthSettings settings;

    void addChecks(@Observes BeforeBeanDiscovery event) throws ClassNotFoundException {
        settings = HealthChecks.settings();
        ClassLoader loader = HealthExtension.class.getClassLoader(); // the one that will load the check classes
        for (String name : HealthChecks.toRegister(settings, loader)) {
            Class<?> type = Class.forName(name, true, loader);
            event.addAnnotatedType(type, HealthExtension.class.getName() + "#" + type.getSimpleName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        if (settings != null && !settings.problems().isEmpty()) {
            event.addDeploymentProblem(new DeploymentException(settings.describe()));
        }
    }
}
