package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.JobMiddleware;

/**
 * The portable extension (CDI Full: Open Liberty, Payara, Weld). It only collects: every class declaring
 * {@code @JobHandler} methods, whether it became a bean, and it binds {@link JobMiddleware} to each handler
 * method. At {@code AfterDeploymentValidation} it reports every problem (handlers and configuration) in one
 * deployment failure. The runtime work happens in {@link WorkerLifecycle}.
 */
public class OjsExtension implements jakarta.enterprise.inject.spi.Extension {

    static final class JobMiddlewareLiteral extends AnnotationLiteral<JobMiddleware> implements JobMiddleware {
        static final JobMiddlewareLiteral INSTANCE = new JobMiddlewareLiteral();
        private static final long serialVersionUID = 1L;
    }

    private final Map<String, List<HandlerMethod>> handlersByClass = new LinkedHashMap<>();
    private final Map<String, HandlerValidator.BeanStatus> beans = new HashMap<>();
    private final List<CronSpec> crons = new ArrayList<>();

    <T> void findHandlers(@Observes @WithAnnotations({JobHandler.class, Cron.class, Cron.List.class})
                          ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        crons.addAll(ReflectiveHandlers.cronsIn(type));
        List<HandlerMethod> found = ReflectiveHandlers.declaredIn(type);
        if (found.isEmpty()) {
            return;
        }
        handlersByClass.put(type.getName(), found);
        // binding an interceptor to something unproxyable would make the container fail first, with its own
        // message instead of ours: such handlers get CDI_0001/CDI_0007 and no binding
        if (Modifier.isFinal(type.getModifiers())) {
            return;
        }
        event.configureAnnotatedType()
                .filterMethods(m -> m.isAnnotationPresent(JobHandler.class)
                        && m.getJavaMember().getDeclaringClass() == type && interceptable(m.getJavaMember()))
                .forEach(m -> m.add(JobMiddlewareLiteral.INSTANCE));
    }

    static boolean interceptable(java.lang.reflect.Method m) {
        int mod = m.getModifiers();
        return !Modifier.isStatic(mod) && !Modifier.isPrivate(mod) && !Modifier.isFinal(mod);
    }

    <T> void recordBean(@Observes ProcessManagedBean<T> event) {
        Class<?> type = event.getAnnotatedBeanClass().getJavaClass();
        if (handlersByClass.containsKey(type.getName())) {
            beans.put(type.getName(), new HandlerValidator.BeanStatus(true, Modifier.isFinal(type.getModifiers())));
        }
    }

    void registerCatalog(@Observes AfterBeanDiscovery event) {
        HandlerCatalog catalog = HandlerCatalog.of(handlers(), crons);
        event.addBean()
                .beanClass(HandlerCatalog.class)
                .types(HandlerCatalog.class, Object.class)
                .scope(Dependent.class)
                .createWith(cc -> catalog);
    }

    void validate(@Observes AfterDeploymentValidation event) {
        List<String> problems = DeploymentChecks.all(handlers(), beans, crons);
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(new DeploymentException(Problems.describe(problems)));
        }
    }

    void releaseContainerStatics(@Observes BeforeShutdown event, BeanManager manager) {
        WeldLiteStatic.release(manager);
    }

    private List<HandlerMethod> handlers() {
        List<HandlerMethod> all = new ArrayList<>();
        handlersByClass.values().forEach(all::addAll);
        return all;
    }
}
