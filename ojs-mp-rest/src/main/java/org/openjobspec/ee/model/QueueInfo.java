package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * One entry of {@code GET /ojs/v1/queues}.
 *
 * @param name      queue name
 * @param status    {@code active} or {@code paused}
 * @param createdAt creation time, when sent
 */
public record QueueInfo(
        String name,
        String status,
        @JsonbProperty("created_at") @JsonbTypeAdapter(Rfc3339.class) Instant createdAt) {

    /** Whether the queue is paused. */
    public boolean paused() {
        return "paused".equalsIgnoreCase(status);
    }
}
