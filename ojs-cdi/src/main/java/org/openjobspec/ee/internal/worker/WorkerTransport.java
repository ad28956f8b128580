package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The four worker calls of the OJS protocol, as the engine needs them, the optional progress report, and an optional
 * wake-up source.
 */
public interface WorkerTransport {

    List<WorkerJob> fetch(List<String> queues, int count, String workerId, long visibilityTimeoutMs)
            throws TransportException;

    /** @param result the job's result, or null for none */
    void ack(String jobId, JsonValue result) throws TransportException;

    void nack(String jobId, Failure failure, boolean requeue) throws TransportException;

    HeartbeatReply heartbeat(String workerId, Collection<String> activeJobIds, long visibilityTimeoutMs, String state)
            throws TransportException;

    /**
     * Reports how far an active job is (OJS progress extension); the engine calls it on its executor, at most once a
     * second per job. The default cannot: it throws {@link TransportException.Kind#UNSUPPORTED}, and the engine
     * stops asking.
     *
     * @param fraction from 0.0 to 1.0
     * @param message  what the job is doing, or null
     */
    default void progress(String jobId, double fraction, String message) throws TransportException {
        throw new TransportException(TransportException.Kind.UNSUPPORTED, "this transport cannot report progress",
                null, null);
    }

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
