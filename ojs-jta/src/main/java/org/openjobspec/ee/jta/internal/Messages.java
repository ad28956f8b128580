package org.openjobspec.ee.jta.internal;

/**
 * Every message id of ojs-jta, each declared once with what it means. Code writes {@code TX_0001 + ": ..."}
 * (the constant prints as its id); README.md's "Message ids" section lists them all (checked by a test).
 * ojs-jta owns OJS-TX and OJS-CFG-0100..0149; retired ids (OJS-TX-0017, OJS-CFG-0110) are never reused.
 */
public enum Messages {
    // configuration, checked at deployment
    CFG_0100("ojs.transactional.outside-transaction neither send nor fail"),
    CFG_0101("ojs.outbox.datasource not bound, not a DataSource or unreachable"),
    CFG_0102("ojs.outbox.table malformed"),
    CFG_0103("outbox table missing or lacking a column"),
    CFG_0104("ojs.outbox.create-table not a boolean"),
    CFG_0105("ojs.outbox.batch-size out of range"),
    CFG_0106("ojs.outbox.poll-interval invalid"),
    CFG_0107("ojs.outbox.backoff-max invalid"),
    CFG_0108("ojs.outbox.retention invalid"),
    CFG_0109("ojs.outbox.grace-period invalid"),
    CFG_0111("ojs.outbox.relay not a boolean"),
    CFG_0112("unknown ojs.outbox.* key"),
    CFG_0113("no JTA TransactionSynchronizationRegistry"),
    CFG_0114("database without SELECT ... FOR UPDATE SKIP LOCKED"),
    CFG_0115("outbox table cannot be created"),
    // enqueue
    TX_0001("enqueue outside a transaction with outside-transaction=fail"),
    TX_0002("after-commit send failed"),
    TX_0003("workflow in outbox mode"),
    TX_0004("enqueue while the transaction is completing"),
    TX_0005("outbox write failed"),
    TX_0006("an AfterCommitSendFailed observer threw"),
    TX_0007("no outbox configured"),
    TX_0008("no job, or a null job"),
    TX_0009("job type malformed"),
    // relay log lines
    TX_0010("outbox relay started"),
    TX_0011("outbox relay stopped"),
    TX_0012("the server did not take outbox rows; backing off"),
    TX_0013("outbox relay failed (database or unexpected error); backing off"),
    TX_0014("outbox row rejected by the server, marked failed"),
    TX_0015("outbox relay did not finish its batch within the grace period"),
    TX_0016("the server takes outbox rows again"),
    // operators
    TX_0018("OjsOutbox query failed");

    private final String meaning;

    Messages(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String id() {
        return toString();
    }

    /** The id: {@code OJS-}, the family, a dash and the number. */
    @Override
    public String toString() {
        return "OJS-" + name().replace('_', '-');
    }
}
