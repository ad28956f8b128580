package org.openjobspec.ee.jta.testkit;

import org.openjobspec.ee.jta.core.OutboxStore;

/** A real database the outbox relay tests run on. */
public interface OutboxDatabase extends AutoCloseable {

    /** A store on a new, empty outbox table created with the README's DDL. */
    OutboxStore newStore();

    /** Another store on an existing table, as a second application instance would have. */
    OutboxStore store(String table);

    @Override
    void close();
}
