package org.openjobspec.ee.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * An event about a job: a server-sent event ({@code data:} of {@code /ojs/v1/jobs/{id}/events} and
 * {@code /ojs/v1/queues/{name}/events}), or one read from event polling ({@code GET /ojs/v1/events}, whose
 * CloudEvents-style envelope is mapped onto these fields).
 *
 * @param eventId   the SSE {@code id:} line, or the polled event's {@code id} (the cursor to resume after)
 * @param event     event type, e.g. {@code job.state_changed}
 * @param jobId     job id
 * @param queue     queue
 * @param type      job type
 * @param from      previous state, when sent
 * @param to        new state; for a polled event derived from its type ({@code job.completed} is
 *                  {@code completed}, ...), {@code null} for types that name no single state ({@code job.enqueued},
 *                  {@code job.failed})
 * @param progress  progress payload, when sent
 * @param message   message, when sent
 * @param timestamp when it happened
 * @param data      the event's whole data object as the server sent it (error, result, attempt, ...)
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
        @JsonbTypeAdapter(Rfc3339.class) Instant timestamp,
        JsonObject data) {

    /** The same event with its SSE id. */
    public JobEvent withEventId(String id) {
        return new JobEvent(id, event, jobId, queue, type, from, to, progress, message, timestamp, data);
    }

    /** Whether the job reached a terminal state (completed, cancelled, discarded). */
    public boolean isTerminal() {
        return "completed".equals(to) || "cancelled".equals(to) || "discarded".equals(to);
    }
}
