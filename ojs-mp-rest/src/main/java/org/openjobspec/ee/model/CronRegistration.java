package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * {@code POST /ojs/v1/cron} body in the server shape ({@code expression} + {@code job_template}), not the
 * spec's flat {@code cron}/{@code type}/{@code args} shape servers reject.
 *
 * @param name          unique name
 * @param expression    5-field cron expression or a macro such as {@code @daily}
 * @param timezone      IANA zone, e.g. {@code Europe/Paris}
 * @param overlapPolicy allow, skip or cancel
 * @param jobTemplate   the job to enqueue
 */
public record CronRegistration(
        String name,
        String expression,
        String timezone,
        @JsonbProperty("overlap_policy") String overlapPolicy,
        @JsonbProperty("job_template") JobTemplate jobTemplate) {
}
