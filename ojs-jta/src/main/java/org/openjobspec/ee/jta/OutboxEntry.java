package org.openjobspec.ee.jta;

import java.time.Instant;

/**
 * One row of the outbox table, as {@link OjsOutbox} lists it.
 *
 * @param sequence  the row's position in insertion order (the table's {@code id})
 * @param jobId     the job's id, fixed when the row was written; the job has this id on the OJS server
 * @param jobType   the job's type
 * @param status    {@code pending}, {@code sent} (kept only with a retention period) or {@code failed}
 * @param createdAt when the row was written
 * @param error     why the server rejected the job ({@code failed} rows), else {@code null}
 */
public record OutboxEntry(long sequence, String jobId, String jobType, String status, Instant createdAt,
                          String error) {
}
