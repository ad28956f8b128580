package org.openjobspec.ee.internal.cdi;

import org.jboss.weld.environment.se.WeldContainer;
import org.openjobspec.ee.internal.worker.Worker;

/** Lets tests outside this package look at the running engine. */
public final class WorkerAccess {

    private WorkerAccess() {
    }

    public static Worker worker(WeldContainer container) {
        Worker worker = container.select(WorkerLifecycle.class).get().worker();
        if (worker == null) {
            throw new AssertionError("no worker is running");
        }
        return worker;
    }
}
