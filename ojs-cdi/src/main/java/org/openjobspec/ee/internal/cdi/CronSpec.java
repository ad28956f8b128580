package org.openjobspec.ee.internal.cdi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One {@code @Cron} as declared, described without reflection or CDI types (both extensions make these), and
 * handed to the runtime beans through {@link HandlerCatalog}.
 *
 * @param beanClass       binary name of the class declaring the method
 * @param methodName      the method's name
 * @param parameterClasses the method's erased parameter classes, to find it again
 * @param jobType         the method's {@code @JobHandler} job type, or {@code null} when it has none
 * @param name            the entry's name
 * @param expression      the schedule as declared
 * @param timezone        the zone as declared
 * @param queue           the queue, empty for the server's default
 * @param args            the args JSON literal as declared
 * @param overlap         the overlap policy's enum constant name
 */
public record CronSpec(String beanClass, String methodName, List<String> parameterClasses, String jobType,
                       String name, String expression, String timezone, String queue, String args, String overlap) {

    public CronSpec {
        parameterClasses = List.copyOf(parameterClasses);
    }

    /** {@code SimpleName#method} as messages show it. */
    String where() {
        int dot = beanClass.lastIndexOf('.');
        return beanClass.substring(dot + 1).replace('$', '.') + "#" + methodName;
    }

    /** One string, safe as a build compatible extension's bean parameter whatever the args contain. */
    String encode() {
        List<String> parts = List.of(beanClass, methodName, String.join(",", parameterClasses),
                jobType == null ? "\u0000" : jobType, name, expression, timezone, queue, args, overlap);
        List<String> encoded = new ArrayList<>();
        for (String p : parts) {
            encoded.add(Base64.getUrlEncoder().withoutPadding().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", encoded);
    }

    static CronSpec decode(String s) {
        String[] raw = s.split("\\.", -1);
        String[] p = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            p[i] = new String(Base64.getUrlDecoder().decode(raw[i]), StandardCharsets.UTF_8);
        }
        List<String> params = p[2].isEmpty() ? List.of() : List.of(p[2].split(","));
        return new CronSpec(p[0], p[1], params, p[3].equals("\u0000") ? null : p[3], p[4], p[5], p[6], p[7], p[8],
                p[9]);
    }
}
