package org.openjobspec.ee;

/**
 * A live subscription to job events: a server-sent event stream ({@code subscribeJob}, {@code subscribeQueue}) or
 * event polling ({@code subscribe}). The client reconnects, or polls again, by itself when the server is away;
 * {@link #close()} ends it. A job subscription also ends by itself after the job's terminal event, and a
 * subscription the server cannot serve (its endpoint missing, access refused) ends after reporting it.
 */
public interface EventSubscription extends AutoCloseable {

    /** Stops receiving events and releases the connection. Idempotent. */
    @Override
    void close();

    /** Whether events may still arrive. */
    boolean isOpen();
}
