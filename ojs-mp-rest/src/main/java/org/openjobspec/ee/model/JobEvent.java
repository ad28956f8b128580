package org.openjobspec.ee.model;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * A server-sent event about a job ({@code data:} of {@code /ojs/v1/jobs/{id}/events} and
 * {@code /ojs/v1/queues/{name}/events}).
 *
 * @param eventId   the SSE {@code id:} line (not part of the JSON)
 * @param event     event type, e.g. {@code job.state_changed}
 * @param jobId     job id
 * @param queue     queue
 * @param type      job type
 * @param from      previous state
 * @param to        new state
 * @param progress  progress payload, when sent
 * @param message   message, when sent
 * @param timestamp when it happened
 */
public record JobEvent(
        String eventId,
        String event,
        @JsonbProperty("job_id") String jobId,
        String queue,
        String type,
        String from,
        String to,
        JsonValue progress,
        String message,
        @JsonbTypeAdapter(Rfc3339.class) Instant timestamp) {

    /** The same event with its SSE id. */
    public JobEvent withEventId(String id) {
        return new JobEvent(id, event, jobId, queue, type, from, to, progress, message, timestamp);
    }

    /** Whether the job reached a terminal state (completed, cancelled, discarded). */
    public boolean isTerminal() {
        return "completed".equals(to) || "cancelled".equals(to) || "discarded".equals(to);
    }
}
