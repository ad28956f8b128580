package org.openjobspec.ee.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjobspec.ee.OutgoingJob;
import org.openjobspec.ee.internal.Aside;
import org.openjobspec.ee.internal.spi.EnqueueObserver;
import org.openjobspec.ee.internal.spi.EnqueueObserver.Operation;
import org.openjobspec.ee.internal.spi.EnqueueObserver.Sending;
import org.openjobspec.ee.model.Job;

import static org.openjobspec.ee.internal.Messages.CLI_0015;

/**
 * The client's {@link EnqueueObserver}s as one: each is asked in turn, and a failure of one is logged and goes no
 * further, so observing never changes an enqueue. With no observers it costs one emptiness check per enqueue.
 */
final class EnqueueObservers {

    private static final Logger LOG = Logger.getLogger(EnqueueObservers.class.getName());

    /** Told nothing: the outcome of an enqueue nobody observes. */
    static final Sending UNOBSERVED = new Sending() {
        @Override
        public void sent(List<Job> created, String workflowId) {
        }

        @Override
        public void failed(Throwable failure) {
        }
    };

    private final List<EnqueueObserver> observers;

    EnqueueObservers(List<EnqueueObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** Whether no observer is there. */
    boolean none() {
        return observers.isEmpty();
    }

    Sending sending(Operation operation, String workflowName, List<OutgoingJob> jobs) {
        if (observers.isEmpty()) {
            return UNOBSERVED;
        }
        List<Sending> watching = new ArrayList<>(observers.size());
        for (EnqueueObserver observer : observers) {
            aside(operation, () -> {
                Sending s = observer.sending(operation, workflowName, jobs);
                if (s != null) {
                    watching.add(s);
                }
            });
        }
        if (watching.isEmpty()) {
            return UNOBSERVED;
        }
        return new Sending() {
            // told in reverse order, so that what the first observer made current is closed last
            @Override
            public void sent(List<Job> created, String workflowId) {
                for (int i = watching.size() - 1; i >= 0; i--) {
                    Sending s = watching.get(i);
                    aside(operation, () -> s.sent(created, workflowId));
                }
            }

            @Override
            public void failed(Throwable failure) {
                for (int i = watching.size() - 1; i >= 0; i--) {
                    Sending s = watching.get(i);
                    aside(operation, () -> s.failed(failure));
                }
            }
        };
    }

    private static void aside(Operation operation, Runnable step) {
        Aside.run(step, e -> LOG.log(Level.WARNING, CLI_0015 + ": an observer of " + operation
                + " failed; the enqueue goes on", e));
    }
}
