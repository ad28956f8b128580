package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.openjobspec.ee.internal.spi.JobObserver;

/**
 * The {@link JobObserver} beans of the application (the project's optional modules provide them). Injected into
 * the worker's lifecycle bean, and holding an {@code Instance<JobObserver>} injection point, so that a CDI Lite
 * container that removes unused beans (ArC) keeps it and them.
 */
@ApplicationScoped
public class JobObservers {

    @Inject
    @Any
    Instance<JobObserver> observers;

    List<JobObserver> all() {
        return observers.stream().toList();
    }
}
