package org.openjobspec.ee;

/**
 * A live subscription to server-sent job events. The client reconnects by itself when the stream drops;
 * {@link #close()} ends it. A job subscription also ends by itself after the job's terminal event.
 */
public interface EventSubscription extends AutoCloseable {

    /** Stops receiving events and releases the connection. Idempotent. */
    @Override
    void close();

    /** Whether events may still arrive. */
    boolean isOpen();
}
