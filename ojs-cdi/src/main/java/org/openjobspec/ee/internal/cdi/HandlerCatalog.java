package org.openjobspec.ee.internal.cdi;

import java.util.ArrayList;
import java.util.List;

/**
 * The handlers found at deployment, handed from the extension (portable or build compatible) to the runtime beans
 * as a synthetic bean. Kept as plain strings so the build compatible extension can pass it as a bean parameter.
 */
public final class HandlerCatalog {

    /** One handler: where it is and which job type it serves. */
    public record Entry(String jobType, String beanClass, String methodName, List<String> parameterClasses) {

        String encode() {
            return jobType + "|" + beanClass + "|" + methodName + "|" + String.join(",", parameterClasses);
        }

        static Entry decode(String s) {
            String[] parts = s.split("\\|", -1);
            List<String> params = parts[3].isEmpty() ? List.of() : List.of(parts[3].split(","));
            return new Entry(parts[0], parts[1], parts[2], params);
        }
    }

    private final List<Entry> entries;
    private final List<CronSpec> crons;
    private final boolean fromBuildTime;

    HandlerCatalog(List<Entry> entries, List<CronSpec> crons, boolean fromBuildTime) {
        this.entries = List.copyOf(entries);
        this.crons = List.copyOf(crons);
        this.fromBuildTime = fromBuildTime;
    }

    static HandlerCatalog of(List<HandlerMethod> handlers, List<CronSpec> crons) {
        List<Entry> entries = new ArrayList<>();
        for (HandlerMethod h : handlers) {
            entries.add(new Entry(h.jobType(), h.beanClass(), h.methodName(), h.erasedParameters()));
        }
        return new HandlerCatalog(entries, crons, false);
    }

    static HandlerCatalog decode(String[] encoded, String[] encodedCrons) {
        List<Entry> entries = new ArrayList<>();
        for (String s : encoded) {
            entries.add(Entry.decode(s));
        }
        List<CronSpec> crons = new ArrayList<>();
        for (String s : encodedCrons) {
            crons.add(CronSpec.decode(s));
        }
        return new HandlerCatalog(entries, crons, true);
    }

    String[] encode() {
        return entries.stream().map(Entry::encode).toArray(String[]::new);
    }

    String[] encodeCrons() {
        return crons.stream().map(CronSpec::encode).toArray(String[]::new);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The {@code @Cron} declarations of the application. */
    public List<CronSpec> crons() {
        return crons;
    }

    /**
     * True when the build compatible extension made this catalog. Such a container (Quarkus) may initialize the
     * application context during static init, before runtime configuration exists: the worker must wait for the
     * CDI {@code Startup} event there.
     */
    boolean fromBuildTime() {
        return fromBuildTime;
    }
}
