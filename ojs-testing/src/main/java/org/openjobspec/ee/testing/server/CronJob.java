package org.openjobspec.ee.testing.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.ZoneId;

/** A registered cron entry (reference-server shape: expression + job_template). */
final class CronJob {
    final String name;
    final String expressionText;
    final CronExpression expression;
    final ZoneId zone;
    final String timezone;
    final String overlapPolicy;
    final JsonObject jobTemplate;
    final long createdAt;
    long nextRunAt;
    Long lastRunAt;
    String lastJobId;

    CronJob(String name, String expressionText, CronExpression expression, ZoneId zone, String timezone,
            String overlapPolicy, JsonObject jobTemplate, long createdAt) {
        this.name = name;
        this.expressionText = expressionText;
        this.expression = expression;
        this.zone = zone;
        this.timezone = timezone;
        this.overlapPolicy = overlapPolicy;
        this.jobTemplate = jobTemplate;
        this.createdAt = createdAt;
    }

    JsonObject toJson() {
        JsonObjectBuilder b = Json.obj().add("name", name).add("expression", expressionText)
                .add("timezone", timezone).add("overlap_policy", overlapPolicy).add("enabled", true)
                .add("job_template", jobTemplate).add("created_at", Times.format(createdAt))
                .add("next_run_at", Times.format(nextRunAt));
        if (lastRunAt != null) {
            b.add("last_run_at", Times.format(lastRunAt));
        }
        if (lastJobId != null) {
            b.add("last_job_id", lastJobId);
        }
        return b.build();
    }
}
