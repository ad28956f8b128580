package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openjobspec.ee.client.ClientSettings;
import org.openjobspec.ee.internal.worker.Worker;
import org.openjobspec.ee.internal.worker.WorkerSettings;
import org.openjobspec.ee.internal.worker.WorkerVitals;

import static org.openjobspec.ee.internal.Messages.WRK_0034;
import static org.openjobspec.ee.internal.Messages.WRK_0035;
import static org.openjobspec.ee.internal.Messages.WRK_0036;
import static org.openjobspec.ee.internal.Messages.WRK_0037;
import static org.openjobspec.ee.internal.Messages.WRK_0038;

/** Starts the worker once the application is up and stops it, gracefully, before the application goes down. */
@ApplicationScoped
public class WorkerLifecycle extends ApplicationLifecycle {

    private static final System.Logger LOG = System.getLogger(WorkerLifecycle.class.getName());

    @Inject
    HandlerCatalog catalog;

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    LibraryExecutor libraryExecutor;

    @Inject
    @Any
    Instance<CurrentJob> currentJob;

    @Inject
    Instance<CurrentTrace> currentTrace;

    /** Injected, not looked up: a CDI Lite container keeps only beans something injects (ArC). */
    @Inject
    JobObservers jobObservers;

    /** Never read: declaring it keeps handler beans from being removed as unused on ArC (see HandlerBean). */
    @Inject
    @HandlerBean
    Instance<Object> handlerBeans;

    private volatile Worker worker;
    private volatile boolean startDone;
    private Jsonb jsonb;
    private RestWorkerTransport transport;
    private boolean stopped;

    /**
     * Where the build compatible extension ran (Quarkus), only {@code Startup} starts the worker: ArC initializes the
     * application context during static init, before runtime configuration such as {@code ojs.url} is available.
     */
    @Override
    protected boolean startsWithApplicationContext() {
        return !catalog.fromBuildTime();
    }

    /** The worker, or null when it is disabled, has no handlers, or has not been started yet. */
    Worker worker() {
        return worker;
    }

    /**
     * For health checks (module ojs-health): whether the start has been done, that is handlers and configuration
     * were validated and the worker, if this application has one, was started.
     */
    public boolean startDone() {
        return startDone;
    }

    /** For health checks: the worker's vitals, read from memory; empty while there is no worker (yet). */
    public Optional<WorkerVitals> vitals() {
        Worker w = worker;
        return w == null ? Optional.empty() : Optional.of(w.vitals());
    }

    @Override
    protected synchronized void start() {
        if (startDone || stopped) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        Set<String> jobTypes = catalog.entries().stream().map(HandlerCatalog.Entry::jobType)
                .collect(Collectors.toSet());
        WorkerConfig workerConfig = WorkerConfig.read(config, jobTypes);
        if (!workerConfig.problems().isEmpty()) {
            // the portable extension reports these at deployment; this is the build compatible path's check
            throw new IllegalStateException(Problems.describe(workerConfig.problems()));
        }
        if (!workerConfig.enabled()) {
            LOG.log(Level.INFO, WRK_0034 + ": worker disabled ({0}=false)", WorkerConfig.ENABLED);
            startDone = true;
            return;
        }
        if (jobTypes.isEmpty()) {
            LOG.log(Level.INFO, WRK_0035 + ": no @JobHandler methods in this application: no worker started");
            startDone = true;
            return;
        }
        WorkerSettings settings = workerConfig.settings().orElseThrow();
        jsonb = JsonbBuilder.create();
        Map<String, HandlerInvoker> invokers = new LinkedHashMap<>();
        for (HandlerCatalog.Entry entry : catalog.entries()) {
            invokers.put(entry.jobType(), invoker(entry));
        }
        transport = new RestWorkerTransport(ClientSettings.fromConfig(config).toRestConfig(), settings);
        ExecutorChoice executor = libraryExecutor.choice();
        CdiJobDispatcher dispatcher = new CdiJobDispatcher(beanManager, invokers, requestContexts, currentJob,
                currentTrace, jobObservers.all());
        worker = new Worker(settings, transport, dispatcher, executor.executor());
        LOG.log(Level.INFO, WRK_0036 + ": handlers {0} run on {1}", invokers.keySet(), executor.description());
        worker.start();
        startDone = true;
    }

    @Override
    protected synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (worker == null) {
            return;
        }
        try {
            worker.stop();
        } finally {
            closeQuietly(transport);
            closeQuietly(jsonb);
        }
    }

    private HandlerInvoker invoker(HandlerCatalog.Entry entry) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = WorkerLifecycle.class.getClassLoader();
            }
            Class<?> beanClass = Class.forName(entry.beanClass(), false, loader);
            List<String> names = entry.parameterClasses();
            Class<?>[] params = new Class<?>[names.size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = classFor(names.get(i), loader);
            }
            Method method = beanClass.getDeclaredMethod(entry.methodName(), params);
            return new HandlerInvoker(bean(beanClass), method, jsonb);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(WRK_0037 + ": cannot find handler " + entry.beanClass() + "#"
                    + entry.methodName() + " found at deployment: " + e, e);
        }
    }

    private Bean<?> bean(Class<?> beanClass) {
        Bean<?> fallback = null;
        for (Bean<?> b : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (b.getBeanClass() == beanClass) {
                if (b.getTypes().contains(beanClass)) {
                    return b;
                }
                fallback = fallback == null ? b : fallback;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException(WRK_0038 + ": no bean for handler class " + beanClass.getName());
        }
        return fallback;
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

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing " + c, e);
        }
    }


}
