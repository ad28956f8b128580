package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code GET /ojs/v1/queues} answer: all queues, or one page of them.
 *
 * @param queues     the queues, never {@code null}
 * @param pagination paging facts, may be {@code null}
 */
public record QueueList(List<QueueInfo> queues, Pagination pagination) {
    public QueueList {
        queues = Wire.copyOrEmpty(queues);
    }

    /** Total queues as the server counts them, else the size of this page. */
    public int total() {
        return pagination != null && pagination.total() != null ? pagination.total() : queues.size();
    }

    /** Whether the server said more queues follow this page. */
    public boolean hasMore() {
        return pagination != null && Boolean.TRUE.equals(pagination.hasMore());
    }
}
