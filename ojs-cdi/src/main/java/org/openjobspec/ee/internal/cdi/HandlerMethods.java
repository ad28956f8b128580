package org.openjobspec.ee.internal.cdi;

import java.lang.reflect.Method;
import java.util.List;

/** Finds a handler method found at deployment again, from the names kept in {@link HandlerCatalog}. */
final class HandlerMethods {

    private HandlerMethods() {
    }

    static Method find(String beanClass, String methodName, List<String> parameterClasses, ClassLoader loader)
            throws ReflectiveOperationException {
        ClassLoader l = loader != null ? loader : HandlerMethods.class.getClassLoader();
        Class<?> type = Class.forName(beanClass, false, l);
        Class<?>[] params = new Class<?>[parameterClasses.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = classFor(parameterClasses.get(i), l);
        }
        return type.getDeclaredMethod(methodName, params);
    }

    static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : HandlerMethods.class.getClassLoader();
    }

    private static Class<?> classFor(String name, ClassLoader loader) throws ClassNotFoundException {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "char" -> char.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> Class.forName(name, false, loader);
        };
    }
}
