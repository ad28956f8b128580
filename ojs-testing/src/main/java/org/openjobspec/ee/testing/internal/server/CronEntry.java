package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;

import java.time.ZoneId;

/** A registered cron entry (reference-server shape: expression + job_template). */
final class CronEntry {
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

    CronEntry(String name, String expressionText, CronExpression expression, ZoneId zone, String timezone,
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
}
