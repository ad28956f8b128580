package org.openjobspec.ee.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.CronDefinition;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** One tiny bean per @Cron deployment problem. */
final class CronHandlers {

    private CronHandlers() {
    }

    public record Region(String code, int shard) {
    }

    @ApplicationScoped
    public static class Fine {
        @JobHandler("report.nightly")
        @Cron(name = "nightly-report", value = "0 3 * * *", timezone = "Europe/Berlin", queue = "reports",
                args = "[{\"code\":\"eu\",\"shard\":2}, [1, 2]]", overlap = CronDefinition.Overlap.SKIP)
        @Cron(name = "hourly-report", value = "@hourly", args = "{\"code\":\"us\",\"shard\":1}")
        public void nightly(Region region, List<Integer> ids, JobContext ctx) {
        }
    }

    @ApplicationScoped
    public static class BadExpression {
        @JobHandler("cron.bad_expression")
        @Cron(name = "bad-expression", value = "61 * * * *")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class BadZone {
        @JobHandler("cron.bad_zone")
        @Cron(name = "bad-zone", value = "@daily", timezone = "Mars/Olympus")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class DuplicateA {
        @JobHandler("cron.duplicate_a")
        @Cron(name = "same-name", value = "@daily")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class DuplicateB {
        @JobHandler("cron.duplicate_b")
        @Cron(name = "same-name", value = "@weekly")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class BadName {
        @JobHandler("cron.bad_name")
        @Cron(name = "has \"quotes\" and spaces", value = "@daily")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class ArgsNotJson {
        @JobHandler("cron.args_not_json")
        @Cron(name = "args-not-json", value = "@daily", args = "{oops")
        public void run(Region r) {
        }
    }

    @ApplicationScoped
    public static class ArgsUnbindable {
        @JobHandler("cron.args_unbindable")
        @Cron(name = "args-unbindable", value = "@daily", args = "[\"seven\"]")
        public void run(int n) {
        }
    }

    @ApplicationScoped
    public static class ArgsMissingPrimitive {
        @JobHandler("cron.args_missing")
        @Cron(name = "args-missing", value = "@daily")
        public void run(long n) {
        }
    }

    @ApplicationScoped
    public static class TooManyArgs {
        @JobHandler("cron.too_many_args")
        @Cron(name = "too-many-args", value = "@daily", args = "[1, 2]")
        public void run(int n, JobContext ctx) {
        }
    }

    @ApplicationScoped
    public static class BadQueue {
        @JobHandler("cron.bad_queue")
        @Cron(name = "bad-queue", value = "@daily", queue = "Bad Queue")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class WithoutHandler {
        @Cron(name = "without-handler", value = "@daily")
        public void run() {
        }
    }
}
