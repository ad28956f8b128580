package org.openjobspec.ee.internal.cdi;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjobspec.ee.internal.worker.ArgumentBindingException;
import org.openjobspec.ee.model.OjsPatterns;
import org.openjobspec.ee.model.WireJson;

import static org.openjobspec.ee.internal.Messages.CDI_0010;
import static org.openjobspec.ee.internal.Messages.CDI_0011;
import static org.openjobspec.ee.internal.Messages.CDI_0012;
import static org.openjobspec.ee.internal.Messages.CDI_0013;
import static org.openjobspec.ee.internal.Messages.CDI_0014;
import static org.openjobspec.ee.internal.Messages.CDI_0015;
import static org.openjobspec.ee.internal.Messages.CDI_0016;
import static org.openjobspec.ee.internal.Messages.CDI_0017;

/**
 * Validates {@code @Cron} declarations, returning every problem with its id, the {@code Class#method} and the fix.
 * {@link #validate} needs nothing but the declarations (both extensions run it); {@link #bindProblems} loads the
 * handler methods and binds the args with JSON-B as the worker will, so it runs where classes and JSON-B are there:
 * at deployment in CDI Full containers, when the application starts on Quarkus.
 */
final class CronValidator {

    /** Letters, digits, '.', '_' and '-': safe in the server's URL path and in a quoted config key. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$");

    private static final System.Logger LOG = System.getLogger(CronValidator.class.getName());

    private CronValidator() {
    }

    static List<String> validate(List<CronSpec> crons) {
        List<String> problems = new ArrayList<>();
        Map<String, CronSpec> byName = new LinkedHashMap<>();
        for (CronSpec c : crons) {
            String on = "@Cron '" + c.name() + "' on '" + c.where() + "': ";
            if (c.jobType() == null) {
                problems.add(CDI_0017 + ": " + on + "the method has no @JobHandler, so no worker would run the jobs "
                        + "the entry enqueues; annotate the method with @JobHandler(\"<job type>\")");
            }
            if (!NAME.matcher(c.name()).matches()) {
                problems.add(CDI_0013 + ": " + on + "the name must be 1 to 255 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit, for example 'nightly-report'");
            } else {
                CronSpec other = byName.putIfAbsent(c.name(), c);
                if (other != null) {
                    problems.add(CDI_0012 + ": " + on + "the name is already used by the @Cron on '" + other.where()
                            + "'; the server keys entries by name, so give each entry its own");
                }
            }
            String expression = CronSyntax.problem(c.expression());
            if (expression != null) {
                problems.add(CDI_0010 + ": " + on + "schedule '" + c.expression() + "' is invalid (" + expression
                        + "); use " + CronSyntax.FORMS);
            }
            if (!isZone(c.timezone())) {
                problems.add(CDI_0011 + ": " + on + "time zone '" + c.timezone() + "' is not an IANA zone id; use "
                        + "for example 'UTC' or 'Europe/Berlin'");
            }
            if (!c.queue().isEmpty() && !OjsPatterns.isQueue(c.queue())) {
                problems.add(CDI_0016 + ": " + on + "queue '" + c.queue() + "' must match "
                        + OjsPatterns.QUEUE.pattern() + "; leave it empty for the server's default queue");
            }
            try {
                args(c.args());
            } catch (JsonException | IllegalStateException e) {
                problems.add(CDI_0014 + ": " + on + "args '" + c.args() + "' is not a JSON literal (" + e.getMessage()
                        + "); write a JSON array such as [\"eu\", 7], or one JSON value such as {\"region\":\"eu\"}");
            }
        }
        return problems;
    }

    static boolean isZone(String zone) {
        return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
    }

    /**
     * The args array a literal stands for: a JSON array as it is, any other value as the single argument.
     *
     * @throws JsonException when it is not JSON
     */
    static JsonArray args(String literal) {
        JsonValue value;
        try (var reader = WireJson.provider().createReader(new StringReader(literal))) {
            value = reader.readValue();
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        return WireJson.provider().createArrayBuilder().add(value).build();
    }

    /**
     * CDI_0015 for each cron whose args do not bind to its handler's parameters, checked with the worker's own
     * binding. Crons with other problems (no handler, args not JSON) are skipped: {@link #validate} reports those.
     */
    static List<String> bindProblems(List<CronSpec> crons, ClassLoader loader) {
        List<CronSpec> checkable = new ArrayList<>();
        for (CronSpec c : crons) {
            if (c.jobType() != null && parses(c.args())) {
                checkable.add(c);
            }
        }
        if (checkable.isEmpty()) {
            return List.of();
        }
        Jsonb jsonb;
        try {
            jsonb = JsonbBuilder.create();
        } catch (RuntimeException | LinkageError e) {
            // the worker cannot bind any args then either; that is reported when it starts
            LOG.log(Level.DEBUG, "no JSON-B at deployment, cron args not bound: {0}", e.toString());
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        try (jsonb) {
            for (CronSpec c : checkable) {
                String why = bindProblem(c, jsonb, loader);
                if (why != null) {
                    problems.add(CDI_0015 + ": @Cron '" + c.name() + "' on '" + c.where() + "': args " + c.args()
                            + " cannot be bound to the method's parameters: " + why + "; give args the method takes, "
                            + "in order (a JobContext parameter takes none)");
                }
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing JSON-B", e);
        }
        return problems;
    }

    private static boolean parses(String literal) {
        try {
            args(literal);
            return true;
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }

    private static String bindProblem(CronSpec c, Jsonb jsonb, ClassLoader loader) {
        Method method;
        try {
            method = HandlerMethods.find(c.beanClass(), c.methodName(), c.parameterClasses(), loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.DEBUG, "cannot load " + c.where() + " to check its cron args", e);
            return null;
        }
        ArgsBinding binding = new ArgsBinding(method, c.where(), jsonb);
        JsonArray args = args(c.args());
        if (args.size() > binding.capacity()) {
            return "it has " + args.size() + " arg(s) and the method takes " + binding.capacity();
        }
        try {
            binding.bind(args, null);
            return null;
        } catch (ArgumentBindingException e) {
            return e.getMessage();
        }
    }
}
