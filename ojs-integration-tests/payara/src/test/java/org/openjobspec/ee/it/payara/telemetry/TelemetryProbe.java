package org.openjobspec.ee.it.payara.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.OjsClient;

/** The telemetry IT's application on Payara: enqueues a job on request and runs it. */
@ApplicationScoped
@Path("jobs")
public class TelemetryProbe {

    @Inject
    OjsClient ojs;

    @POST
    @Path("{name}")
    public String enqueue(@PathParam("name") String name) {
        return ojs.enqueue("telemetry.probe", name).id();
    }

    @JobHandler("telemetry.probe")
    public String run(String name) {
        return "probed " + name;
    }

    @ApplicationPath("api")
    public static class App extends Application {
    }
}
