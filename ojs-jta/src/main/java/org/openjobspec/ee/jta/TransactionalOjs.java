package org.openjobspec.ee.jta;

import java.util.List;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.WorkflowDefinition;

/**
 * Enqueues jobs as part of the current JTA transaction: they reach the OJS server only if, and after, the
 * transaction commits, never when it rolls back or is marked rollback-only. Works the same from an EJB, a
 * {@code @Transactional} CDI bean and code that uses {@code UserTransaction}: it joins the transaction through
 * the container's {@code TransactionSynchronizationRegistry} (an interposed synchronization).
 *
 * <pre>{@code
 * @Inject TransactionalOjs ojs;
 *
 * @Transactional
 * public void place(Order o) {
 *     orders.save(o);
 *     o.setShipJob(ojs.enqueue("order.ship", o.id()));   // the job id, at once
 * }
 * }</pre>
 *
 * <p>Two modes, chosen by configuration:
 * <ul>
 *   <li><b>after commit</b> (default): the jobs are kept in memory with the transaction and sent on the
 *   committing thread right after the commit, before the transactional call returns to its caller. A send that
 *   fails then (server down) is not thrown into the committed caller: it is logged and fired as an
 *   {@link AfterCommitSendFailed} event. A crash between commit and send loses the jobs.</li>
 *   <li><b>outbox</b> ({@code ojs.outbox.datasource} set): each job is written to an outbox table through that
 *   datasource, in the same transaction as the application's data, and a relay sends the committed rows in
 *   insertion order, at least once, and never twice on the server. Nothing is lost while the OJS server is down
 *   or the application crashes.</li>
 * </ul>
 *
 * <p>Every job gets its id here (a UUIDv7, or the one set with {@link EnqueueOptions#id(String)}), so the caller
 * can store it with its data; the job has exactly this id on the server.
 *
 * <p>Outside a transaction, {@code ojs.transactional.outside-transaction} decides: {@code send} (default) sends
 * at once (after-commit mode; failures are thrown) or writes the row in its own local transaction (outbox mode);
 * {@code fail} throws {@link IllegalStateException}. Inside a transaction, bad input is thrown to
 * the caller; a failing outbox write throws {@link IllegalStateException} and the application
 * decides whether its transaction rolls back.
 */
public interface TransactionalOjs {

    /** How jobs reach the server. */
    enum Mode {
        /** Sent from memory right after the commit. */
        AFTER_COMMIT,
        /** Written to the outbox table in the transaction and sent by the relay. */
        OUTBOX
    }

    /** Stages a job of {@code type} with {@code args} (same rules as {@code OjsClient}); returns its id. */
    default String enqueue(String type, Object args) {
        return enqueue(JobSpec.of(type, args));
    }

    /** Stages a job of {@code type} with {@code args} and {@code options}; returns its id. */
    default String enqueue(String type, Object args, EnqueueOptions options) {
        return enqueue(JobSpec.of(type, args, options));
    }

    /** Stages {@code job}; returns its id. */
    default String enqueue(JobSpec job) {
        return enqueueBatch(List.of(job)).get(0);
    }

    /**
     * Stages several jobs; returns their ids in order. In after-commit mode all jobs staged in one transaction are
     * sent as one batch (all or nothing); the outbox relay sends rows in batches of {@code ojs.outbox.batch-size}.
     */
    List<String> enqueueBatch(List<JobSpec> jobs);

    /**
     * Creates {@code workflow} after the transaction commits. After-commit mode only: a workflow has no
     * client-chosen id, so a re-send could create it twice, and the outbox refuses it.
     */
    void createWorkflow(WorkflowDefinition workflow);

    /** The configured mode. */
    Mode mode();
}
