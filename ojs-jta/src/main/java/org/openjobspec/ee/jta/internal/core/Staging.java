package org.openjobspec.ee.jta.internal.core;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.jta.AfterCommitSendFailed;
import org.openjobspec.ee.jta.TransactionalOjs;
import org.openjobspec.ee.rest.Uuid7;

import static org.openjobspec.ee.jta.internal.Messages.TX_0001;
import static org.openjobspec.ee.jta.internal.Messages.TX_0002;
import static org.openjobspec.ee.jta.internal.Messages.TX_0003;
import static org.openjobspec.ee.jta.internal.Messages.TX_0004;
import static org.openjobspec.ee.jta.internal.Messages.TX_0005;
import static org.openjobspec.ee.jta.internal.Messages.TX_0006;
import static org.openjobspec.ee.jta.internal.Messages.TX_0008;
import static org.openjobspec.ee.jta.internal.Messages.TX_0009;

/**
 * The transactional enqueue itself, free of CDI: gives each job its id, then, by the state of the current JTA
 * transaction, keeps it for after the commit (in memory, or as an outbox row written in the transaction), drops it
 * (rollback-only), or handles it as configured outside a transaction. One interposed synchronization per
 * transaction sends the kept jobs, or wakes the relay, once the transaction has committed.
 */
public final class Staging implements TransactionalOjs {

    private static final System.Logger LOG = System.getLogger(Staging.class.getName());
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");

    private final TransactionSynchronizationRegistry registry;
    private final OjsClient client;
    private final OutboxStore outbox;
    private final Runnable wakeRelay;
    private final boolean sendOutside;
    private final Consumer<AfterCommitSendFailed> onFailure;
    /** This instance's key for its per-transaction state in the registry. */
    private final Object key = new Object();
    /** Stands for a transaction that can only roll back: what is staged there is dropped. */
    private final PerTransaction dropped = new PerTransaction();

    /**
     * @param outbox     the outbox, or null for after-commit mode
     * @param wakeRelay  called after a commit that wrote outbox rows (outbox mode)
     * @param sendOutside true: outside a transaction send at once (or write the row on its own); false: fail
     * @param onFailure  told about after-commit sends that failed (after they were logged); must not throw
     */
    public Staging(TransactionSynchronizationRegistry registry, OjsClient client, OutboxStore outbox,
                   Runnable wakeRelay, boolean sendOutside, Consumer<AfterCommitSendFailed> onFailure) {
        this.registry = registry;
        this.client = client;
        this.outbox = outbox;
        this.wakeRelay = wakeRelay;
        this.sendOutside = sendOutside;
        this.onFailure = onFailure;
    }

    @Override
    public Mode mode() {
        return outbox == null ? Mode.AFTER_COMMIT : Mode.OUTBOX;
    }

    @Override
    public List<String> enqueueBatch(List<JobSpec> jobs) {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException(TX_0008 + ": enqueueBatch needs at least one job");
        }
        List<JobSpec> fixed = new ArrayList<>(jobs.size());
        for (JobSpec job : jobs) {
            fixed.add(withId(job));
        }
        List<String> ids = fixed.stream().map(j -> j.options().id()).toList();
        PerTransaction tx = current(fixed.size() + " job(s) " + ids);
        if (tx == null) {
            if (outbox != null) {
                write(fixed);
                wakeRelay.run();
            } else {
                send(fixed);
            }
        } else if (tx != dropped) {
            if (outbox != null) {
                write(fixed);
            } else {
                tx.jobs.addAll(fixed);
            }
        }
        return ids;
    }

    @Override
    public void createWorkflow(WorkflowDefinition workflow) {
        if (outbox != null) {
            throw new IllegalStateException(TX_0003 + ": workflow '" + workflow.name() + "' cannot go through the "
                    + "outbox: a workflow has no client-chosen id, so a re-send could create it twice; create it "
                    + "with OjsClient after the commit, or enqueue its first job here and let that job create it");
        }
        PerTransaction tx = current("workflow '" + workflow.name() + "'");
        if (tx == null) {
            client.createWorkflow(workflow);
        } else if (tx != dropped) {
            tx.workflows.add(workflow);
        }
    }

    /** The transaction's state, null outside a transaction, {@code dropped} when it can only roll back. */
    private PerTransaction current(String what) {
        int status = registry.getTransactionStatus();
        switch (status) {
            case Status.STATUS_NO_TRANSACTION:
                if (!sendOutside) {
                    throw new IllegalStateException(TX_0001 + ": " + what + " enqueued outside a JTA transaction, "
                            + "and ojs.transactional.outside-transaction=fail; call TransactionalOjs inside a "
                            + "transaction (EJB, @Transactional, UserTransaction), use OjsClient to send at once, or "
                            + "set ojs.transactional.outside-transaction=send");
                }
                return null;
            case Status.STATUS_MARKED_ROLLBACK:
                LOG.log(Level.DEBUG, "{0} dropped: the transaction is marked rollback-only", what);
                return dropped;
            case Status.STATUS_ACTIVE:
                PerTransaction tx = (PerTransaction) registry.getResource(key);
                if (tx == null) {
                    tx = new PerTransaction();
                    registry.putResource(key, tx);
                    registry.registerInterposedSynchronization(tx);
                }
                return tx;
            default:
                throw new IllegalStateException(TX_0004 + ": " + what + " enqueued while the transaction is "
                        + "completing (JTA status " + status + "); enqueue while it is active");
        }
    }

    private void write(List<JobSpec> jobs) {
        try {
            outbox.insert(jobs);
        } catch (SQLException e) {
            throw new IllegalStateException(TX_0005 + ": cannot write " + jobs.size() + " job(s) to the outbox: "
                    + e.getMessage(), e);
        }
    }

    private static JobSpec withId(JobSpec job) {
        if (job == null) {
            throw new IllegalArgumentException(TX_0008 + ": job spec is null");
        }
        if (job.type() == null || job.type().length() > 255 || !TYPE.matcher(job.type()).matches()) {
            throw new IllegalArgumentException(TX_0009 + ": job type '" + job.type() + "' must match "
                    + TYPE.pattern() + " (at most 255 characters)");
        }
        EnqueueOptions options = job.options();
        return options.id() != null ? job : job.options(options.id(Uuid7.next()));
    }

    private void afterCommit(PerTransaction tx) {
        if (outbox != null) {
            wakeRelay.run();
            return;
        }
        if (!tx.jobs.isEmpty()) {
            try {
                send(tx.jobs);
            } catch (RuntimeException e) {
                failed(new AfterCommitSendFailed(tx.jobs.stream().map(j -> j.options().id()).toList(),
                        tx.jobs.stream().map(JobSpec::type).toList(), null, e));
            }
        }
        for (WorkflowDefinition workflow : tx.workflows) {
            try {
                client.createWorkflow(workflow);
            } catch (RuntimeException e) {
                failed(new AfterCommitSendFailed(List.of(), List.of(), workflow.name(), e));
            }
        }
    }

    /** One job alone, several as one batch (all or nothing). */
    private void send(List<JobSpec> jobs) {
        if (jobs.size() == 1) {
            client.enqueue(jobs.get(0));
        } else {
            client.enqueueBatch(jobs);
        }
    }

    private void failed(AfterCommitSendFailed failure) {
        String what = failure.workflow() != null ? "workflow '" + failure.workflow() + "'"
                : "jobs " + failure.jobIds() + " " + failure.jobTypes();
        LOG.log(Level.WARNING, TX_0002 + ": " + what + " not sent after their transaction committed: "
                + failure.error() + "; the commit stands; observe AfterCommitSendFailed to re-send or alert, or "
                + "configure ojs.outbox.datasource for a durable outbox", failure.error());
        try {
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, TX_0006 + ": an observer of AfterCommitSendFailed threw " + e, e);
        }
    }

    /** What one transaction staged; also its synchronization. */
    private final class PerTransaction implements Synchronization {

        final List<JobSpec> jobs = new ArrayList<>();
        final List<WorkflowDefinition> workflows = new ArrayList<>();

        @Override
        public void beforeCompletion() {
            // nothing to flush: outbox rows were written when staged
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                afterCommit(this);
            } else {
                LOG.log(Level.DEBUG, "transaction ended with JTA status {0}: {1} job(s) and {2} workflow(s) dropped",
                        status, jobs.size(), workflows.size());
            }
        }
    }
}
