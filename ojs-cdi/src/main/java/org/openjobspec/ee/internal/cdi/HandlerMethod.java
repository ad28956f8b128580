package org.openjobspec.ee.internal.cdi;

import java.util.List;

/**
 * A {@code @JobHandler} method described without reflection or CDI types, so the portable extension (which reads
 * classes) and the build compatible extension (which reads the CDI Lite language model) validate with one code.
 */
record HandlerMethod(String beanClass, String methodName, String jobType, List<TypeShape> parameters,
                     TypeShape returnType, boolean isStatic, boolean isPrivate, boolean isFinal, boolean isGeneric) {

    /** {@code SimpleName#method} as messages show it. */
    String where() {
        int dot = beanClass.lastIndexOf('.');
        return beanClass.substring(dot + 1).replace('$', '.') + "#" + methodName;
    }

    /** The erased parameter class names, enough to find the method again at runtime. */
    List<String> erasedParameters() {
        return parameters.stream().map(TypeShape::erasure).toList();
    }

    /**
     * The shape of a Java type as far as binding cares.
     *
     * @param erasure     binary class name of the erased type ({@code int}, {@code java.util.List}, {@code [I}...)
     * @param display     how to show it in a message
     * @param kind        what kind of type it is
     * @param unresolved  true when it is or contains a type variable or a wildcard (cannot be bound)
     * @param abstractish true for interfaces and abstract classes
     */
    record TypeShape(String erasure, String display, Kind kind, boolean unresolved, boolean abstractish) {
        enum Kind { VOID, PRIMITIVE, CLASS, ARRAY, OTHER }
    }
}
