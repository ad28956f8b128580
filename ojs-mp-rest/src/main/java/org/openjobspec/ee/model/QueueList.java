package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code GET /ojs/v1/queues} answer.
 *
 * @param queues     the queues, never {@code null}
 * @param pagination paging facts, may be {@code null}
 */
public record QueueList(List<QueueInfo> queues, Pagination pagination) {
    public QueueList {
        queues = Wire.copyOrEmpty(queues);
    }
}
