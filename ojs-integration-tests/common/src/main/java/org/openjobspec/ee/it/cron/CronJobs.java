package org.openjobspec.ee.it.cron;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** A handler the OJS server's cron scheduler runs every second, with fixed args; its worker serves queue {@code cron}. */
@ApplicationScoped
public class CronJobs {

    public static final String ENTRY = "it-cron-tick";
    public static final String JOB_TYPE = "test.cron_tick";

    @JobHandler(JOB_TYPE)
    @Cron(name = ENTRY, value = "@every 1s", queue = "cron", args = "[\"liberty\", 3]")
    public String tick(String from, int times, JobContext job) {
        return "tick from " + from + " x" + times + " on " + Thread.currentThread().getName();
    }
}
