package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.declarations.ParameterInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.JobMiddleware;
import org.openjobspec.ee.internal.cdi.HandlerMethod.TypeShape;
import org.openjobspec.ee.internal.cdi.HandlerMethod.TypeShape.Kind;

/**
 * The build compatible extension (CDI Lite: Quarkus). Skipped where the portable {@link OjsExtension} runs; both
 * feed the same {@link HandlerValidator} and {@link HandlerCatalog}. It registers the library's own beans
 * ({@link LibraryBeans}), since CDI Lite containers need not index a library jar. Handler problems fail the build;
 * the worker's configuration is checked when the application starts, since at build time runtime values are not
 * known yet.
 */
@SkipIfPortableExtensionPresent(OjsExtension.class)
public class OjsBuildCompatibleExtension implements BuildCompatibleExtension {

    private final Map<String, List<HandlerMethod>> handlersByClass = new LinkedHashMap<>();
    private final Map<String, HandlerValidator.BeanStatus> beans = new HashMap<>();
    private final List<CronSpec> crons = new ArrayList<>();

    @Discovery
    public void registerLibraryBeans(ScannedClasses scanned) {
        for (Class<?> type : LibraryBeans.CLASSES) {
            scanned.add(type.getName());
        }
    }

    @Enhancement(types = Object.class, withSubtypes = true,
            withAnnotations = {JobHandler.class, Cron.class, Cron.List.class})
    public void findHandlers(ClassConfig type) {
        ClassInfo info = type.info();
        List<HandlerMethod> found = new ArrayList<>();
        for (MethodConfig method : type.methods()) {
            MethodInfo m = method.info();
            crons.addAll(crons(info, m));
            if (m.hasAnnotation(JobHandler.class)) {
                HandlerMethod h = describe(info, m);
                found.add(h);
                if (!info.isFinal() && !h.isStatic() && !h.isPrivate() && !h.isFinal()) {
                    method.addAnnotation(JobMiddleware.class);
                }
            }
        }
        if (!found.isEmpty()) {
            handlersByClass.put(info.name(), found);
            markAsHandlerBean(type);
        }
    }

    @Registration(types = Object.class)
    public void recordBean(BeanInfo bean) {
        if (bean.isClassBean() && handlersByClass.containsKey(bean.declaringClass().name())) {
            beans.put(bean.declaringClass().name(), new HandlerValidator.BeanStatus(true,
                    bean.declaringClass().isFinal()));
        }
    }

    @Synthesis
    public void registerCatalog(SyntheticComponents components) {
        components.addBean(HandlerCatalog.class)
                .type(HandlerCatalog.class)
                .scope(Dependent.class)
                .withParam("handlers", HandlerCatalog.of(handlers(), crons).encode())
                .withParam("crons", HandlerCatalog.of(handlers(), crons).encodeCrons())
                .createWith(CatalogCreator.class);
    }

    @Validation
    public void validate(Messages messages) {
        List<String> problems = new ArrayList<>(HandlerValidator.validate(handlers(), beans));
        // the args are bound to the parameters when the application starts (CronLifecycle): JSON-B need not be
        // there at build time
        problems.addAll(CronValidator.validate(crons));
        if (!problems.isEmpty()) {
            messages.error(new jakarta.enterprise.inject.spi.DeploymentException(Problems.describe(problems)));
        }
    }

    private List<HandlerMethod> handlers() {
        List<HandlerMethod> all = new ArrayList<>();
        handlersByClass.values().forEach(all::addAll);
        return all;
    }

    /** Rebuilds the catalog from the bean's parameters at runtime. */
    public static final class CatalogCreator implements SyntheticBeanCreator<HandlerCatalog> {
        @Override
        public HandlerCatalog create(Instance<Object> lookup, Parameters params) {
            return HandlerCatalog.decode(params.get("handlers", String[].class), params.get("crons", String[].class));
        }
    }

    /**
     * Adds {@link HandlerBean}, through which the worker looks the bean up (see there why). A bean without qualifiers
     * of its own would lose {@code @Default} by getting one: it gets {@code @Default} explicitly, so
     * {@code @Inject Mailer} keeps working.
     */
    private static void markAsHandlerBean(ClassConfig type) {
        boolean ownQualifiers = !type.info().annotations(a -> a.declaration().hasAnnotation(Qualifier.class)
                && !a.name().equals(Named.class.getName()) && !a.name().equals(Any.class.getName())).isEmpty();
        if (!ownQualifiers) {
            type.addAnnotation(Default.class);
        }
        type.addAnnotation(HandlerBean.class);
    }

    static HandlerMethod describe(ClassInfo owner, MethodInfo m) {
        List<TypeShape> params = new ArrayList<>();
        for (ParameterInfo p : m.parameters()) {
            params.add(shape(p.type()));
        }
        String jobType = m.annotation(JobHandler.class).value().asString();
        int mod = m.modifiers();
        return new HandlerMethod(owner.name(), m.name(), jobType, params, shape(m.returnType()), m.isStatic(),
                Modifier.isPrivate(mod), m.isFinal(), !m.typeParameters().isEmpty());
    }

    /** The {@code @Cron} declarations on {@code m}, with or without {@code @JobHandler}. */
    static List<CronSpec> crons(ClassInfo owner, MethodInfo m) {
        java.util.Collection<AnnotationInfo> declared = m.repeatableAnnotation(Cron.class);
        if (declared.isEmpty()) {
            return List.of();
        }
        List<String> params = new ArrayList<>();
        for (ParameterInfo p : m.parameters()) {
            params.add(shape(p.type()).erasure());
        }
        String jobType = m.hasAnnotation(JobHandler.class) ? m.annotation(JobHandler.class).value().asString() : null;
        List<CronSpec> found = new ArrayList<>();
        for (AnnotationInfo c : declared) {
            found.add(new CronSpec(owner.name(), m.name(), params, jobType, text(c, "name"), text(c, "value"),
                    text(c, "timezone"), text(c, "queue"), text(c, "args"), c.hasMember("overlap")
                    ? c.member("overlap").asEnumConstant() : defaultOf("overlap").toString()));
        }
        return found;
    }

    /** A string member, or its declared default where the model leaves defaults out. */
    private static String text(AnnotationInfo a, String member) {
        return a.hasMember(member) ? a.member(member).asString() : (String) defaultOf(member);
    }

    private static Object defaultOf(String member) {
        try {
            return Cron.class.getMethod(member).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static TypeShape shape(Type t) {
        return switch (t.kind()) {
            case VOID -> new TypeShape("void", "void", Kind.VOID, false, false);
            case PRIMITIVE -> new TypeShape(t.asPrimitive().name(), t.asPrimitive().name(), Kind.PRIMITIVE, false,
                    false);
            case CLASS -> {
                ClassInfo c = t.asClass().declaration();
                yield new TypeShape(c.name(), c.name(), Kind.CLASS, false, c.isInterface() || c.isAbstract());
            }
            case ARRAY -> {
                TypeShape component = shape(t.asArray().componentType());
                yield new TypeShape(arrayName(t), component.display() + "[]", Kind.ARRAY, component.unresolved(),
                        false);
            }
            case PARAMETERIZED_TYPE -> {
                ClassInfo c = t.asParameterizedType().declaration();
                boolean unresolved = false;
                for (Type a : t.asParameterizedType().typeArguments()) {
                    unresolved |= shape(a).unresolved();
                }
                yield new TypeShape(c.name(), c.name() + "<...>", Kind.CLASS, unresolved,
                        c.isInterface() || c.isAbstract());
            }
            default -> new TypeShape("java.lang.Object", t.toString(), Kind.OTHER, true, true);
        };
    }

    /** The binary name Class.forName understands for an array type, e.g. {@code [Ljava.lang.String;}. */
    private static String arrayName(Type t) {
        StringBuilder dims = new StringBuilder();
        Type c = t;
        while (c.isArray()) {
            dims.append('[');
            c = c.asArray().componentType();
        }
        String element = switch (c.kind()) {
            case PRIMITIVE -> switch (c.asPrimitive().primitiveKind()) {
                case BOOLEAN -> "Z";
                case BYTE -> "B";
                case SHORT -> "S";
                case INT -> "I";
                case LONG -> "J";
                case FLOAT -> "F";
                case DOUBLE -> "D";
                case CHAR -> "C";
            };
            case CLASS -> "L" + c.asClass().declaration().name() + ";";
            case PARAMETERIZED_TYPE -> "L" + c.asParameterizedType().declaration().name() + ";";
            default -> "Ljava.lang.Object;";
        };
        return dims + element;
    }
}
