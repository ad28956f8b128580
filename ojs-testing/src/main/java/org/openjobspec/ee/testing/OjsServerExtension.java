package org.openjobspec.ee.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openjobspec.ee.testing.internal.Messages;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Optional;

/**
 * JUnit 5 extension behind {@link OjsServerTest}: one embedded OJS server per test class. Usable directly with
 * {@code @ExtendWith(OjsServerExtension.class)} (then with defaults: no auth, no reset between tests), or through
 * an annotation of your own meta-annotated with {@link OjsServerTest}.
 * <p>
 * It resolves only parameters of type {@link EmbeddedOjsServer} or {@link OjsTestKit} and parameters annotated
 * {@link InjectOjsServer} ({@code URI}, {@code String}, {@code EmbeddedOjsServer} or {@code OjsTestKit}); other
 * {@code URI} or {@code String} parameters are left to other resolvers.
 */
public final class OjsServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        TestInstancePostProcessor, ParameterResolver {
    /** System property carrying the server URL during the test class. */
    public static final String URL_PROPERTY = "ojs.url";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OjsServerExtension.class);

    private record Running(EmbeddedOjsServer server, String previousUrl) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        OjsServerTest cfg = config(context);
        EmbeddedOjsServer server = EmbeddedOjsServer.builder()
                .authToken(cfg == null ? null : cfg.authToken()).start();
        String previous = System.getProperty(URL_PROPERTY);
        System.setProperty(URL_PROPERTY, server.url().toString());
        context.getStore(NS).put(Running.class, new Running(server, previous));
        inject(context.getRequiredTestClass(), null, server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running r = context.getStore(NS).remove(Running.class, Running.class);
        if (r == null) {
            return;
        }
        r.server().stop();
        if (r.previousUrl() == null) {
            System.clearProperty(URL_PROPERTY);
        } else {
            System.setProperty(URL_PROPERTY, r.previousUrl());
        }
    }

    /**
     * {@code resetBetweenTests} resets everything; otherwise a test that takes an {@link OjsTestKit} (a parameter,
     * or an {@link InjectOjsServer} field) starts from a server cleared of jobs, unless it or its class is
     * {@link KeepOjsState}.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        OjsServerTest cfg = config(context);
        if (cfg != null && cfg.resetBetweenTests()) {
            server(context).reset();
        } else if (takesKit(context) && !keepsState(context)) {
            server(context).state().engine().clearJobs();
        }
    }

    private static boolean takesKit(ExtensionContext context) {
        for (Class<?> p : context.getRequiredTestMethod().getParameterTypes()) {
            if (p == OjsTestKit.class) {
                return true;
            }
        }
        for (Class<?> outer = context.getRequiredTestClass(); outer != null; outer = outer.getEnclosingClass()) {
            for (Class<?> c = outer; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() == OjsTestKit.class && f.isAnnotationPresent(InjectOjsServer.class)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean keepsState(ExtensionContext context) {
        if (context.getRequiredTestMethod().isAnnotationPresent(KeepOjsState.class)) {
            return true;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, KeepOjsState.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        inject(testInstance.getClass(), testInstance, server(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == EmbeddedOjsServer.class || type == OjsTestKit.class || p.isAnnotated(InjectOjsServer.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Object value = valueFor(p.getParameter().getType(), server(e));
        if (value == null) {
            throw new ParameterResolutionException(Messages.SRV_0831 + ": @InjectOjsServer parameter "
                    + p.getParameter() + " of " + p.getDeclaringExecutable() + " must be of type EmbeddedOjsServer,"
                    + " OjsTestKit, URI or String");
        }
        return value;
    }

    private static Object valueFor(Class<?> type, EmbeddedOjsServer server) {
        if (type == EmbeddedOjsServer.class) {
            return server;
        }
        if (type == OjsTestKit.class) {
            return OjsTestKit.of(server);
        }
        if (type == URI.class) {
            return server.url();
        }
        return type == String.class ? server.url().toString() : null;
    }

    private static EmbeddedOjsServer server(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Running r = c.getStore(NS).get(Running.class, Running.class);
            if (r != null) {
                return r.server();
            }
        }
        throw new ExtensionConfigurationException(Messages.SRV_0830 + ": no embedded OJS server for "
                + context.getDisplayName() + "; put @OjsServerTest (or @ExtendWith(OjsServerExtension.class)) on the"
                + " test class");
    }

    private static OjsServerTest config(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<OjsServerTest> a = AnnotationSupport.findAnnotation(c, OjsServerTest.class);
            if (a.isPresent()) {
                return a.get();
            }
        }
        return null;
    }

    private static void inject(Class<?> type, Object instance, EmbeddedOjsServer server) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(InjectOjsServer.class)
                        || Modifier.isStatic(f.getModifiers()) != (instance == null)) {
                    continue;
                }
                Object value = valueFor(f.getType(), server);
                if (value == null) {
                    throw new ExtensionConfigurationException(Messages.SRV_0831 + ": @InjectOjsServer field "
                            + c.getName() + "#" + f.getName()
                            + " must be of type EmbeddedOjsServer, OjsTestKit, URI or String");
                }
                f.setAccessible(true);
                f.set(instance, value);
            }
        }
    }
}
