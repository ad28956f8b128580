package org.openjobspec.ee;

import java.time.ZoneId;

/**
 * A recurring job to register with the server's cron scheduler. Immutable.
 *
 * <pre>{@code CronDefinition.of("daily-report", "0 6 * * *", JobSpec.of("report.daily", null)).timezone(ZoneId.of("Europe/Paris"))}</pre>
 */
public final class CronDefinition {

    /** What to do when a tick comes while the previous run is still going. */
    public enum Overlap {
        ALLOW, SKIP, CANCEL
    }

    private final String name;
    private final String expression;
    private final JobSpec job;
    private final String timezone;
    private final Overlap overlap;

    private CronDefinition(String name, String expression, JobSpec job, String timezone, Overlap overlap) {
        this.name = name;
        this.expression = expression;
        this.job = job;
        this.timezone = timezone;
        this.overlap = overlap;
    }

    /** Enqueue {@code job} on every tick of the 5-field cron {@code expression} (or a macro like {@code @hourly}). */
    public static CronDefinition of(String name, String expression, JobSpec job) {
        return new CronDefinition(name, expression, job, null, null);
    }

    /** Time zone the expression is evaluated in (server default: UTC). */
    public CronDefinition timezone(ZoneId zone) {
        return new CronDefinition(name, expression, job, zone == null ? null : zone.getId(), overlap);
    }

    public CronDefinition overlap(Overlap value) {
        return new CronDefinition(name, expression, job, timezone, value);
    }

    public String name() {
        return name;
    }

    public String expression() {
        return expression;
    }

    public JobSpec job() {
        return job;
    }

    /** IANA zone id, or {@code null}. */
    public String timezone() {
        return timezone;
    }

    public Overlap overlap() {
        return overlap;
    }
}
