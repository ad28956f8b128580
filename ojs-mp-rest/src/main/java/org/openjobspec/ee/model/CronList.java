package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * {@code GET /ojs/v1/cron} answer: {@code crons} (servers) or {@code cron_jobs} (spec).
 *
 * @param crons    server shape
 * @param cronJobs spec shape
 */
public record CronList(List<CronJob> crons, @JsonbProperty("cron_jobs") List<CronJob> cronJobs) {
    public CronList {
        crons = Wire.copyOrNull(crons);
        cronJobs = Wire.copyOrNull(cronJobs);
    }

    /** The entries from either key, never {@code null}. */
    public List<CronJob> entries() {
        return crons != null ? crons : cronJobs != null ? cronJobs : List.of();
    }
}
