package org.openjobspec.ee.jta;

import java.util.List;

/**
 * CDI event fired when jobs staged with {@link TransactionalOjs} in after-commit mode could not be sent after
 * their transaction committed. The committed caller never sees this failure as an exception: it is logged
 * and fired as this event, on the thread that committed, so the application can
 * store the jobs elsewhere, alert, or re-send them. (The outbox mode has no such failures: its rows stay until
 * they are sent.)
 *
 * <pre>{@code void onLost(@Observes AfterCommitSendFailed failed) { alerts.raise(failed.jobIds(), failed.error()); }}</pre>
 *
 * @param jobIds   the ids of the jobs that were not sent (the ids {@code enqueue} returned)
 * @param jobTypes their types, in the same order
 * @param workflow the name of a workflow that was not created, or {@code null} when jobs were sent
 * @param error    what the send failed with, usually an {@link org.openjobspec.ee.error.OjsException} whose
 *                 {@code isRetryable()} tells whether a re-send may work
 */
public record AfterCommitSendFailed(List<String> jobIds, List<String> jobTypes, String workflow,
                                    RuntimeException error) {
}
