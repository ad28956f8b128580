package org.openjobspec.ee.telemetry.internal.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the telemetry's configuration when the application deploys (CDI Full containers), so a misspelt key or
 * value fails the deployment with its id instead of silently reporting nothing. Refers to no OpenTelemetry type:
 * it loads in runtimes without the API.
 */
public class TelemetryExtension implements Extension {

    void validate(@Observes AfterDeploymentValidation event) {
        TelemetryConfig config = new TelemetryConfig(ConfigProvider.getConfig());
        if (!config.problems.isEmpty()) {
            event.addDeploymentProblem(new DeploymentException(TelemetryConfig.describe(config.problems)));
        }
    }
}
