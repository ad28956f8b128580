package org.openjobspec.ee.internal.cdi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.internal.cdi.HandlerMethod.TypeShape;
import org.openjobspec.ee.internal.cdi.HandlerMethod.TypeShape.Kind;

/** Describes handler methods of loaded classes (the portable extension's view). */
final class ReflectiveHandlers {

    private ReflectiveHandlers() {
    }

    static List<HandlerMethod> declaredIn(Class<?> type) {
        List<HandlerMethod> found = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            JobHandler h = m.getAnnotation(JobHandler.class);
            if (h != null && !m.isBridge() && !m.isSynthetic()) {
                found.add(describe(type, m, h.value()));
            }
        }
        return found;
    }

    /** The {@code @Cron} declarations on the methods {@code type} declares, with or without {@code @JobHandler}. */
    static List<CronSpec> cronsIn(Class<?> type) {
        List<CronSpec> found = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isBridge() || m.isSynthetic()) {
                continue;
            }
            JobHandler h = m.getAnnotation(JobHandler.class);
            List<String> params = java.util.Arrays.stream(m.getParameterTypes()).map(Class::getName).toList();
            for (Cron c : m.getAnnotationsByType(Cron.class)) {
                found.add(new CronSpec(type.getName(), m.getName(), params, h == null ? null : h.value(), c.name(),
                        c.value(), c.timezone(), c.queue(), c.args(), c.overlap().name()));
            }
        }
        return found;
    }

    static HandlerMethod describe(Class<?> type, Method m, String jobType) {
        List<TypeShape> params = new ArrayList<>();
        for (Type p : m.getGenericParameterTypes()) {
            params.add(shape(p));
        }
        int mod = m.getModifiers();
        return new HandlerMethod(type.getName(), m.getName(), jobType, params, shape(m.getGenericReturnType()),
                Modifier.isStatic(mod), Modifier.isPrivate(mod), Modifier.isFinal(mod), m.getTypeParameters().length > 0);
    }

    static TypeShape shape(Type t) {
        if (t instanceof Class<?> c) {
            if (c == void.class) {
                return new TypeShape("void", "void", Kind.VOID, false, false);
            }
            if (c.isPrimitive()) {
                return new TypeShape(c.getName(), c.getName(), Kind.PRIMITIVE, false, false);
            }
            if (c.isArray()) {
                return new TypeShape(c.getName(), c.getTypeName(), Kind.ARRAY, false, false);
            }
            boolean abstractish = c.isInterface() || Modifier.isAbstract(c.getModifiers());
            return new TypeShape(c.getName(), c.getTypeName(), Kind.CLASS, false, abstractish);
        }
        if (t instanceof ParameterizedType pt) {
            TypeShape raw = shape(pt.getRawType());
            boolean unresolved = false;
            for (Type a : pt.getActualTypeArguments()) {
                unresolved |= shape(a).unresolved();
            }
            return new TypeShape(raw.erasure(), t.getTypeName(), raw.kind(), unresolved, raw.abstractish());
        }
        if (t instanceof GenericArrayType ga) {
            TypeShape component = shape(ga.getGenericComponentType());
            return new TypeShape(erasure(t).getName(), t.getTypeName(), Kind.ARRAY, component.unresolved(), false);
        }
        // type variables and wildcards
        return new TypeShape(erasure(t).getName(), t.getTypeName(), Kind.OTHER, true, true);
    }

    static Class<?> erasure(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt) {
            return erasure(pt.getRawType());
        }
        if (t instanceof GenericArrayType ga) {
            return java.lang.reflect.Array.newInstance(erasure(ga.getGenericComponentType()), 0).getClass();
        }
        if (t instanceof java.lang.reflect.TypeVariable<?> tv) {
            return erasure(tv.getBounds()[0]);
        }
        if (t instanceof java.lang.reflect.WildcardType w) {
            return erasure(w.getUpperBounds()[0]);
        }
        return Object.class;
    }
}
