package org.openjobspec.ee.internal.cdi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjobspec.ee.internal.cdi.HandlerMethod.TypeShape;
import org.openjobspec.ee.model.OjsPatterns;

import static org.openjobspec.ee.internal.Messages.CDI_0001;
import static org.openjobspec.ee.internal.Messages.CDI_0002;
import static org.openjobspec.ee.internal.Messages.CDI_0003;
import static org.openjobspec.ee.internal.Messages.CDI_0004;
import static org.openjobspec.ee.internal.Messages.CDI_0005;
import static org.openjobspec.ee.internal.Messages.CDI_0006;
import static org.openjobspec.ee.internal.Messages.CDI_0007;
import static org.openjobspec.ee.internal.Messages.CDI_0008;
import static org.openjobspec.ee.internal.Messages.CDI_0009;

/**
 * Validates discovered handlers, returning every problem as a message with a stable id, the {@code Class#method}
 * and the fix. Shared by both extensions.
 */
final class HandlerValidator {

    static final String JOB_CONTEXT = "org.openjobspec.ee.JobContext";
    static final String JSON_ARRAY = "jakarta.json.JsonArray";

    /** Interfaces and abstract classes JSON-B knows how to instantiate. */
    private static final Set<String> BINDABLE_ABSTRACT = Set.of(
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Queue", "java.util.Deque", "java.util.Map", "java.util.SortedMap",
            "java.util.NavigableMap", "java.lang.Number",
            "jakarta.json.JsonValue", "jakarta.json.JsonObject", "jakarta.json.JsonArray", "jakarta.json.JsonString",
            "jakarta.json.JsonNumber", "jakarta.json.JsonStructure");

    private HandlerValidator() {
    }

    /** How a handler's class turned out as a bean. */
    record BeanStatus(boolean isBean, boolean classFinal) {
    }

    static List<String> validate(List<HandlerMethod> handlers, Map<String, BeanStatus> beans) {
        List<String> problems = new ArrayList<>();
        Map<String, HandlerMethod> byType = new LinkedHashMap<>();
        for (HandlerMethod h : handlers) {
            String on = "@JobHandler on '" + h.where() + "': ";
            BeanStatus bean = beans.get(h.beanClass());
            if (bean == null || !bean.isBean()) {
                problems.add(CDI_0006 + ": " + on + "'" + h.beanClass() + "' is not a CDI bean, so nothing can "
                        + "invoke it; give the class a bean defining annotation such as @ApplicationScoped, a no-arg or "
                        + "@Inject constructor, and make it concrete and not @Vetoed");
            } else if (bean.classFinal()) {
                problems.add(CDI_0007 + ": " + on + "the bean class is final, so interceptors (middleware) cannot "
                        + "apply to it; remove 'final' from the class");
            }
            if (!OjsPatterns.isJobType(h.jobType())) {
                problems.add(CDI_0003 + ": " + on + "job type '" + h.jobType() + "' must match "
                        + OjsPatterns.JOB_TYPE.pattern() + " (at most " + OjsPatterns.JOB_TYPE_MAX_LENGTH
                        + " characters), for example 'email.send'");
            } else {
                HandlerMethod other = byType.putIfAbsent(h.jobType(), h);
                if (other != null) {
                    problems.add(CDI_0002 + ": " + on + "job type '" + h.jobType() + "' is already handled by '"
                            + other.where() + "'; each job type needs exactly one handler, so rename or remove one");
                }
            }
            if (h.isStatic() || h.isPrivate() || h.isFinal()) {
                String what = h.isStatic() ? "static" : h.isPrivate() ? "private" : "final";
                problems.add(CDI_0001 + ": " + on + "the method is " + what + ", so it cannot be invoked through "
                        + "the bean's contextual reference with interceptors; make it a non-static, non-private, "
                        + "non-final instance method");
            }
            if (h.isGeneric()) {
                problems.add(CDI_0009 + ": " + on + "the method declares type parameters, which cannot be bound "
                        + "from JSON; use concrete parameter types");
            }
            validateParameters(h, on, problems);
            validateReturn(h, on, problems);
        }
        return problems;
    }

    private static void validateParameters(HandlerMethod h, String on, List<String> problems) {
        int contexts = 0;
        for (int i = 0; i < h.parameters().size(); i++) {
            TypeShape p = h.parameters().get(i);
            if (JOB_CONTEXT.equals(p.erasure())) {
                contexts++;
                continue;
            }
            String why = unbindable(p);
            if (why != null) {
                problems.add(CDI_0005 + ": " + on + "parameter " + (i + 1) + " of type " + p.display() + " cannot be "
                        + "bound from the job's args with JSON-B: " + why + "; declare a concrete class, record, "
                        + "collection or JSON type instead");
            }
        }
        if (contexts > 1) {
            problems.add(CDI_0004 + ": " + on + "declares " + contexts + " JobContext parameters; declare at most one");
        }
    }

    private static String unbindable(TypeShape p) {
        if (p.unresolved()) {
            return "it contains a type variable or wildcard";
        }
        return switch (p.kind()) {
            case PRIMITIVE, ARRAY -> null;
            case CLASS -> p.abstractish() && !BINDABLE_ABSTRACT.contains(p.erasure())
                    ? "it is an interface or abstract class JSON-B cannot instantiate" : null;
            default -> "it is not a class type";
        };
    }

    private static void validateReturn(HandlerMethod h, String on, List<String> problems) {
        TypeShape r = h.returnType();
        boolean stage = "java.util.concurrent.CompletionStage".equals(r.erasure())
                || "java.util.concurrent.CompletableFuture".equals(r.erasure());
        if (r.unresolved() && !stage) {
            problems.add(CDI_0008 + ": " + on + "return type " + r.display() + " contains a type variable or "
                    + "wildcard, which cannot be serialized as the job's result; return a concrete type");
        } else if ("java.util.concurrent.Future".equals(r.erasure())) {
            problems.add(CDI_0008 + ": " + on + "return type " + r.display() + " cannot be awaited without "
                    + "blocking; return a CompletionStage (or the result itself)");
        }
    }
}
