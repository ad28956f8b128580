package org.openjobspec.ee.internal.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;

/**
 * Something of the library's that runs from the application's start to its stop: the worker, ojs-jta's outbox relay.
 * Start runs late and stop early, so the application's own beans are ready for the first job and still there for
 * the last one. Both the CDI 4 {@code Startup}/{@code Shutdown} events and the application-context events are
 * observed (runtimes differ in which they fire): {@link #start()} and {@link #stop()} must make the second call a
 * no-op. The observers are inherited by the concrete bean (CDI's member-level inheritance; Weld and ArC do).
 */
public abstract class ApplicationLifecycle {

    protected void onInitialized(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000)
                                 @Initialized(ApplicationScoped.class) Object event) {
        if (startsWithApplicationContext()) {
            start();
        }
    }

    protected void onStartup(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) Startup event) {
        start();
    }

    protected void onBeforeDestroyed(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
                                     @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    protected void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Shutdown event) {
        stop();
    }

    @PreDestroy
    protected void destroy() {
        stop();
    }

    /** Whether the application context's initialization may start it; otherwise only {@code Startup} does. */
    protected boolean startsWithApplicationContext() {
        return true;
    }

    protected abstract void start();

    protected abstract void stop();
}
