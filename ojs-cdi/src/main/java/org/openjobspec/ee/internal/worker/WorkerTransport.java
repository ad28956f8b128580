package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

/** The four worker calls of the OJS protocol, as the engine needs them, and an optional wake-up source. */
public interface WorkerTransport {

    List<WorkerJob> fetch(List<String> queues, int count, String workerId, long visibilityTimeoutMs)
            throws TransportException;

    /** @param result the job's result, or null for none */
    void ack(String jobId, JsonValue result) throws TransportException;

    void nack(String jobId, Failure failure, boolean requeue) throws TransportException;

    HeartbeatReply heartbeat(String workerId, Collection<String> activeJobIds, long visibilityTimeoutMs, String state)
            throws TransportException;

    /**
     * Calls {@code onActivity} whenever a job may have become available on one of {@code queues}, until the
     * returned watch is closed. Any task it needs runs on {@code executor}, and none may block there for long.
     * The default watches nothing: the engine then relies on its poll interval alone.
     */
    default Watch watchQueues(List<String> queues, Executor executor, Runnable onActivity) {
        return Watch.NONE;
    }

    /** A running {@link #watchQueues} subscription. */
    interface Watch extends AutoCloseable {

        Watch NONE = () -> { };

        /** Stops watching; never throws. */
        @Override
        void close();
    }
}
