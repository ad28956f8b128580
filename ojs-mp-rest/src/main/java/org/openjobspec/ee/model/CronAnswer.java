package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Answer of cron register and unregister: {@code {"cron":{...}}} (servers) or {@code {"cron_job":{...}}} (spec).
 *
 * @param cron    server shape
 * @param cronJob spec shape
 */
public record CronAnswer(CronJob cron, @JsonbProperty("cron_job") CronJob cronJob) {
    /** The entry from either key, or {@code null}. */
    public CronJob entry() {
        return cron != null ? cron : cronJob;
    }
}
