package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * A registered cron entry. Reads the server shape ({@code expression}, {@code job_template}) and the
 * spec shape ({@code cron}, flat {@code type}); use {@link #effectiveExpression()} and
 * {@link #effectiveJobType()}.
 *
 * @param name          name
 * @param expression    cron expression (server shape)
 * @param cron          cron expression (spec shape)
 * @param timezone      time zone
 * @param overlapPolicy allow, skip or cancel
 * @param enabled       whether it fires
 * @param status        spec: active or paused
 * @param jobTemplate   the job enqueued on each tick (server shape)
 * @param type          job type (spec shape)
 * @param createdAt     creation time
 * @param nextRunAt     next tick
 * @param lastRunAt     last tick
 */
public record CronJob(
        String name,
        String expression,
        String cron,
        String timezone,
        @JsonbProperty("overlap_policy") String overlapPolicy,
        Boolean enabled,
        String status,
        @JsonbProperty("job_template") JobTemplate jobTemplate,
        String type,
        @JsonbProperty("created_at") @JsonbTypeAdapter(Rfc3339.class) Instant createdAt,
        @JsonbProperty("next_run_at") @JsonbTypeAdapter(Rfc3339.class) Instant nextRunAt,
        @JsonbProperty("last_run_at") @JsonbTypeAdapter(Rfc3339.class) Instant lastRunAt) {

    /** The cron expression from either shape. */
    public String effectiveExpression() {
        return expression != null ? expression : cron;
    }

    /** The job type from either shape. */
    public String effectiveJobType() {
        return jobTemplate != null && jobTemplate.type() != null ? jobTemplate.type() : type;
    }
}
