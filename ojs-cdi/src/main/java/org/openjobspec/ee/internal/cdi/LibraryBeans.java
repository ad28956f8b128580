package org.openjobspec.ee.internal.cdi;

import java.util.List;

/**
 * The library's own beans. The build compatible extension registers them itself, so a CDI Lite container gets them
 * even where it does not index this jar; registering an already indexed class again is harmless there. CDI Full
 * containers find them by scanning this jar (its beans.xml): registering them from the portable extension as well
 * was tried and put them in a bean archive that, on Payara, does not see the application's handler beans.
 */
final class LibraryBeans {

    static final List<Class<?>> CLASSES = List.of(WorkerLifecycle.class, OjsClientProducer.class, CurrentJob.class,
            JobContextProducer.class, CurrentTrace.class, LibraryExecutor.class, JobObservers.class,
            CronLifecycle.class);

    private LibraryBeans() {
    }
}
