package org.openjobspec.ee;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Schedules the job type of a {@link JobHandler} method on the OJS server's cron scheduler: on every tick the server
 * enqueues a job of the handler's type with the given args, and a worker runs it like any other job.
 *
 * <pre>{@code
 * @JobHandler("report.nightly")
 * @Cron(name = "nightly-report", value = "0 3 * * *", timezone = "Europe/Berlin")
 * public void nightly() { ... }
 * }</pre>
 *
 * <p>Checked at deployment, all problems reported at once: the expression, the zone, that names are unique in the
 * application, that {@link #args()} is a JSON literal and binds to the method's parameters as the worker will bind
 * it. When the application starts it reconciles with the server, keyed by {@link #name()}: an entry missing there is
 * registered, one that differs is updated, entries of other names are left alone, so any number of instances of one
 * application may start at once. Operations change a schedule without a rebuild through MicroProfile Config:
 * {@code ojs.cron."<name>".expression}, {@code ojs.cron."<name>".timezone} and {@code ojs.cron."<name>".enabled}
 * ({@code false}: not registered, and removed from the server if it is there).
 *
 * <p>Repeatable: one handler may be scheduled several times, for example with different args.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Cron.List.class)
public @interface Cron {

    /**
     * The entry's name, unique on the server (it keys the entry there): letters, digits, {@code .}, {@code _} and
     * {@code -}, starting with a letter or digit, at most 255 characters, for example {@code "nightly-report"}.
     */
    String name();

    /**
     * The schedule: 5 fields (minute hour day-of-month month day-of-week, with lists, ranges, steps and the names
     * {@code JAN}-{@code DEC} and {@code SUN}-{@code SAT}), a macro ({@code @yearly}, {@code @annually},
     * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}) or
     * {@code @every <duration>} such as {@code @every 30s} or {@code @every 1h30m}.
     */
    String value();

    /** IANA zone the expression is evaluated in, for example {@code "Europe/Berlin"}. */
    String timezone() default "UTC";

    /** Queue the job is enqueued on; empty: the server's default queue. */
    String queue() default "";

    /**
     * The job's args as a JSON literal: a JSON array is the args array ({@code "[\"eu\", 7]"}); any other JSON value
     * is the single argument ({@code "{\"region\":\"eu\"}"}), as {@code enqueue(type, value)} would send it.
     */
    String args() default "[]";

    /** What the server does when a tick comes while the previous run of this entry is still going. */
    CronDefinition.Overlap overlap() default CronDefinition.Overlap.ALLOW;

    /** The container of repeated {@code @Cron} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Cron[] value();
    }
}
