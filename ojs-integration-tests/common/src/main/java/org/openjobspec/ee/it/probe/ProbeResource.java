package org.openjobspec.ee.it.probe;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Reports what the container gave the application: a CDI bean, an EJB and a managed thread. */
@Path("probe")
@RequestScoped
public class ProbeResource {

    @Inject
    Greeter greeter;

    @EJB
    VisitCounter counter;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject probe() throws Exception {
        ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
        String requestThread = Thread.currentThread().getName();
        // java:comp lookups only work on a thread that carries the application's component context,
        // which is what a managed executor adds and a plain thread lacks
        JsonObject task = executor.submit(() -> Json.createObjectBuilder()
                        .add("thread", Thread.currentThread().getName())
                        .add("jndi", canLookUp("java:comp/DefaultManagedExecutorService"))
                        .add("appClassLoader", Thread.currentThread().getContextClassLoader() == appLoader)
                        .build())
                .get(10, TimeUnit.SECONDS);
        return Json.createObjectBuilder()
                .add("greeting", greeter.greet("probe"))
                .add("visits", counter.next())
                .add("ejbBound", canLookUp("java:module/VisitCounter"))
                .add("requestThread", requestThread)
                .add("task", task)
                .build();
    }

    /** Threads of any application that are running OJS code, with the frame that shows it. */
    @GET
    @Path("ojs-threads")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray ojsThreads() {
        JsonArrayBuilder threads = Json.createArrayBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("org.openjobspec.ee.")
                        && !frame.getClassName().startsWith("org.openjobspec.ee.it.")) {
                    threads.add(thread.getName() + " at " + frame);
                    break;
                }
            }
        });
        return threads.build();
    }

    private static boolean canLookUp(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException e) {
            return false;
        }
    }
}
