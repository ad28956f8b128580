package org.openjobspec.ee.internal.cdi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.openjobspec.ee.internal.ConfigOrigins;
import org.openjobspec.ee.internal.ConfigDurations;
import org.openjobspec.ee.internal.Messages;
import org.openjobspec.ee.model.OjsPatterns;
import org.openjobspec.ee.internal.worker.WorkerSettings;
import org.openjobspec.ee.internal.worker.WorkerSettings.HandlerLimits;

import static org.openjobspec.ee.internal.Messages.CFG_0050;
import static org.openjobspec.ee.internal.Messages.CFG_0051;
import static org.openjobspec.ee.internal.Messages.CFG_0052;
import static org.openjobspec.ee.internal.Messages.CFG_0053;
import static org.openjobspec.ee.internal.Messages.CFG_0054;
import static org.openjobspec.ee.internal.Messages.CFG_0055;
import static org.openjobspec.ee.internal.Messages.CFG_0056;
import static org.openjobspec.ee.internal.Messages.CFG_0057;
import static org.openjobspec.ee.internal.Messages.CFG_0058;
import static org.openjobspec.ee.internal.Messages.CFG_0059;
import static org.openjobspec.ee.internal.Messages.CFG_0060;
import static org.openjobspec.ee.internal.Messages.CFG_0061;
import static org.openjobspec.ee.internal.Messages.CFG_0062;
import static org.openjobspec.ee.internal.Messages.CFG_0063;
import static org.openjobspec.ee.internal.Messages.CFG_0064;
import static org.openjobspec.ee.internal.Messages.CFG_0065;
import static org.openjobspec.ee.internal.Messages.CFG_0067;

/**
 * Reads and validates the worker's MicroProfile Config keys. Every invalid value is reported, with its id, at
 * once; the settings are only built when there is none. Durations take the same forms as the client's
 * ({@code PT5S}, {@code PT0.5S}, {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain milliseconds).
 */
public final class WorkerConfig {

    public static final String ENABLED = "ojs.worker.enabled";
    public static final String QUEUES = "ojs.worker.queues";
    public static final String CONCURRENCY = "ojs.worker.concurrency";
    public static final String POLL_INTERVAL = "ojs.worker.poll-interval";
    public static final String HEARTBEAT_INTERVAL = "ojs.worker.heartbeat-interval";
    public static final String GRACE_PERIOD = "ojs.worker.grace-period";
    public static final String VISIBILITY_TIMEOUT = "ojs.worker.visibility-timeout";
    public static final String ID = "ojs.worker.id";
    public static final String LABELS = "ojs.worker.labels";
    public static final String EXECUTOR = "ojs.worker.executor";
    public static final String BACKOFF_MAX = "ojs.worker.backoff-max";
    public static final String WAKE_ON_EVENTS = "ojs.worker.wake-on-events";
    public static final String HANDLER_PREFIX = "ojs.handler.";

    static final int MAX_CONCURRENCY = 1000;
    static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    private static final Pattern HANDLER_KEY = Pattern.compile("^ojs\\.handler\\.\"([^\"]+)\"\\.([a-z-]+)$");
    private static final Set<String> HANDLER_PROPERTIES = Set.of("concurrency", "timeout");
    private static final Set<String> WORKER_KEYS = Set.of(ENABLED, QUEUES, CONCURRENCY, POLL_INTERVAL,
            HEARTBEAT_INTERVAL, GRACE_PERIOD, VISIBILITY_TIMEOUT, ID, LABELS, EXECUTOR, BACKOFF_MAX, WAKE_ON_EVENTS);

    private final List<String> problems = new ArrayList<>();
    private final boolean enabled;
    private final String executorName;
    private final WorkerSettings settings;

    private WorkerConfig(Config config, Set<String> jobTypes) {
        enabled = bool(config, ENABLED, true, CFG_0050);
        List<String> queues = queues(config);
        int concurrency = integer(config, CONCURRENCY, 10, 1, MAX_CONCURRENCY, CFG_0052);
        Duration poll = duration(config, POLL_INTERVAL, Duration.ofSeconds(1), false, CFG_0053);
        Duration heartbeat = duration(config, HEARTBEAT_INTERVAL, Duration.ofSeconds(5), false, CFG_0054);
        Duration grace = duration(config, GRACE_PERIOD, Duration.ofSeconds(25), true, CFG_0055);
        Duration visibility = duration(config, VISIBILITY_TIMEOUT, Duration.ofSeconds(30), false, CFG_0056);
        Duration backoffMax = duration(config, BACKOFF_MAX, Duration.ofSeconds(30), false, CFG_0061);
        boolean wakeOnEvents = bool(config, WAKE_ON_EVENTS, true, CFG_0067);
        if (heartbeat != null && visibility != null && heartbeat.multipliedBy(3).compareTo(visibility) > 0) {
            problems.add(CFG_0057 + ": " + HEARTBEAT_INTERVAL + " (" + heartbeat + ") must be at most a third of "
                    + VISIBILITY_TIMEOUT + " (" + visibility + ") so a late heartbeat cannot lose a lease; lower the "
                    + "interval or raise the visibility timeout");
        }
        String workerId = workerId(config);
        Map<String, String> labels = labels(config);
        executorName = config.getOptionalValue(EXECUTOR, String.class).map(String::trim).orElse(DEFAULT_EXECUTOR);
        if (executorName.isEmpty()) {
            problems.add(CFG_0060 + ": " + EXECUTOR + " is empty; give the JNDI name of a ManagedExecutorService, "
                    + "for example " + DEFAULT_EXECUTOR);
        }
        Map<String, HandlerLimits> handlers = handlerLimits(config, jobTypes, concurrency);
        unknownWorkerKeys(config);
        settings = problems.isEmpty()
                ? new WorkerSettings(queues, concurrency, poll, heartbeat, grace, visibility, workerId, labels,
                        backoffMax, handlers, wakeOnEvents)
                : null;
    }

    /**
     * @param jobTypes the job types that have handlers, to catch per-handler keys naming none
     */
    public static WorkerConfig read(Config config, Set<String> jobTypes) {
        return new WorkerConfig(config, jobTypes);
    }

    /** Every problem found, each starting with its message id; empty when the configuration is valid. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean enabled() {
        return enabled;
    }

    public String executorName() {
        return executorName;
    }

    /** The validated settings, or empty when there are problems. */
    public Optional<WorkerSettings> settings() {
        return Optional.ofNullable(settings);
    }

    // ---------------------------------------------------------------- parsing

    private static Optional<String> raw(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim);
    }

    private boolean bool(Config config, String key, boolean def, Messages id) {
        Optional<String> v = raw(config, key);
        if (v.isEmpty()) {
            return def;
        }
        if (v.get().equalsIgnoreCase("true") || v.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.get());
        }
        problems.add(id + ": " + key + "='" + v.get() + "' is not a boolean; use true or false");
        return def;
    }

    private int integer(Config config, String key, int def, int min, int max, Messages id) {
        Optional<String> v = raw(config, key);
        if (v.isEmpty()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(id + ": " + key + "='" + v.get() + "' must be a whole number from " + min + " to " + max);
        return def;
    }

    private Duration duration(Config config, String key, Duration def, boolean zeroAllowed, Messages id) {
        Optional<String> v = raw(config, key);
        if (v.isEmpty()) {
            return def;
        }
        Duration d = ConfigDurations.parse(v.get());
        if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
            problems.add(id + ": " + key + "='" + v.get() + "' is not a valid " + (zeroAllowed ? "" : "positive ")
                    + "duration; use " + ConfigDurations.FORMS);
            return def;
        }
        return d;
    }

    private List<String> queues(Config config) {
        Optional<String> v = raw(config, QUEUES);
        if (v.isEmpty()) {
            return List.of("default");
        }
        List<String> queues = Arrays.stream(v.get().split(",")).map(String::trim).filter(q -> !q.isEmpty())
                .distinct().toList();
        List<String> bad = queues.stream().filter(q -> !OjsPatterns.isQueue(q)).toList();
        if (queues.isEmpty() || !bad.isEmpty()) {
            problems.add(CFG_0051 + ": " + QUEUES + "='" + v.get() + "' must be a comma-separated list of queue "
                    + "names matching " + OjsPatterns.QUEUE.pattern() + (bad.isEmpty() ? "" : "; invalid: " + bad)
                    + ", for example default,email");
            return List.of("default");
        }
        return queues;
    }

    private String workerId(Config config) {
        Optional<String> v = raw(config, ID);
        if (v.isEmpty()) {
            return "worker_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (v.get().isEmpty() || v.get().length() > 128 || v.get().chars().anyMatch(Character::isWhitespace)) {
            problems.add(CFG_0058 + ": " + ID + "='" + v.get() + "' must be 1 to 128 characters without spaces; "
                    + "leave it unset to get a generated, unique id");
            return "invalid";
        }
        return v.get();
    }

    private Map<String, String> labels(Config config) {
        Optional<String> v = raw(config, LABELS);
        Map<String, String> labels = new LinkedHashMap<>();
        if (v.isEmpty() || v.get().isEmpty()) {
            return labels;
        }
        for (String pair : v.get().split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                problems.add(CFG_0059 + ": " + LABELS + "='" + v.get() + "' must be key=value pairs separated by "
                        + "commas, for example region=eu,tier=batch");
                return Map.of();
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    private Map<String, HandlerLimits> handlerLimits(Config config, Set<String> jobTypes, int workerConcurrency) {
        Map<String, Integer> concurrency = new LinkedHashMap<>();
        Map<String, Duration> timeout = new LinkedHashMap<>();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(HANDLER_PREFIX)) {
                continue;
            }
            var m = HANDLER_KEY.matcher(key);
            if (!m.matches() || !HANDLER_PROPERTIES.contains(m.group(2))) {
                problems.add(CFG_0064 + ": '" + key + "' is not a per-handler key; use ojs.handler.\"<job type>\"."
                        + "concurrency or ojs.handler.\"<job type>\".timeout");
                continue;
            }
            String type = m.group(1);
            if (!jobTypes.contains(type)) {
                problems.add(CFG_0064 + ": '" + key + "' configures job type '" + type + "', which has no "
                        + "@JobHandler; known job types: " + jobTypes.stream().sorted().toList());
                continue;
            }
            if (m.group(2).equals("concurrency")) {
                int c = integer(config, key, workerConcurrency, 1, workerConcurrency, CFG_0062);
                concurrency.put(type, c);
            } else {
                timeout.put(type, duration(config, key, null, false, CFG_0063));
            }
        }
        Map<String, HandlerLimits> limits = new LinkedHashMap<>();
        for (String type : jobTypes) {
            if (concurrency.containsKey(type) || timeout.get(type) != null) {
                limits.put(type, new HandlerLimits(concurrency.get(type), timeout.get(type)));
            }
        }
        return limits;
    }

    private void unknownWorkerKeys(Config config) {
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("ojs.worker.") && !WORKER_KEYS.contains(key)
                    && !ConfigOrigins.outsideTheApplication(key)) {
                problems.add(CFG_0065 + ": unknown key '" + key + "'; the worker reads " + WORKER_KEYS.stream()
                        .sorted().toList());
            }
        }
    }
}
