package org.openjobspec.ee.worker;

import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;

/** The four worker calls of the OJS protocol, as the engine needs them. */
public interface WorkerTransport {

    List<WorkerJob> fetch(List<String> queues, int count, String workerId, long visibilityTimeoutMs)
            throws TransportException;

    /** @param result the job's result, or null for none */
    void ack(String jobId, JsonValue result) throws TransportException;

    void nack(String jobId, Failure failure, boolean requeue) throws TransportException;

    HeartbeatReply heartbeat(String workerId, Collection<String> activeJobIds, long visibilityTimeoutMs, String state)
            throws TransportException;
}
