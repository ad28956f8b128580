package org.openjobspec.ee.it.liberty.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.OjsClient;

/** The telemetry IT's application: enqueues a job on request; its handler makes a span of its own. */
@ApplicationScoped
@Path("jobs")
public class TelemetryProbe {

    @Inject
    OjsClient ojs;

    @Inject
    Tracer tracer;

    @POST
    @Path("{name}")
    public String enqueue(@PathParam("name") String name) {
        return ojs.enqueue("telemetry.probe", name, EnqueueOptions.defaults().queue("default")).id();
    }

    @JobHandler("telemetry.probe")
    public String run(String name) {
        Span inside = tracer.spanBuilder("probe inside " + name).startSpan();
        inside.end();
        return "probed " + name;
    }

    @ApplicationPath("api")
    public static class App extends Application {
    }
}
