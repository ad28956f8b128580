package org.openjobspec.ee.example.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.WorkflowDefinition;
import org.openjobspec.ee.example.jobs.Messages.CapturePayment;
import org.openjobspec.ee.example.jobs.Messages.ReportSection;
import org.openjobspec.ee.example.jobs.Messages.ResizeImage;
import org.openjobspec.ee.example.middleware.JobActivity;
import org.openjobspec.ee.model.Job;
import org.openjobspec.ee.model.WorkflowStatus;

/**
 * The demo: {@code POST /api/demo/start} enqueues one of everything, {@code GET /api/demo/status} shows how far
 * each has got, {@code GET /api/jobs/{id}} shows one job.
 */
@Path("")
@RequestScoped
public class DemoResource {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled", "discarded");

    @Inject
    OjsClient ojs;

    @Inject
    SignupService signups;

    @Inject
    DemoRun run;

    @Inject
    JobActivity activity;

    @POST
    @Path("demo/start")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject start() {
        run.job("welcome-email", signups.signUp("ada@example.org", "Ada").id());

        Job payment = ojs.enqueue("payment.capture", new CapturePayment("order-42", 1999),
                EnqueueOptions.defaults().queue("payments")
                        .retry(RetryPolicy.attempts(5).initialInterval(Duration.ofSeconds(1)).jitter(false)));
        run.job("payment-retried", payment.id());

        WorkflowStatus chain = ojs.createWorkflow(WorkflowDefinition.chain("publish-image",
                JobSpec.of("image.resize", new ResizeImage("img-7", 640)),
                JobSpec.of("image.publish", "cdn.example.org")));
        run.workflow("image-chain", chain.id());

        WorkflowStatus batch = ojs.createWorkflow(WorkflowDefinition.batch("monthly-report",
                        JobSpec.of("report.section", new ReportSection("2026-11", "orders")),
                        JobSpec.of("report.section", new ReportSection("2026-11", "refunds")),
                        JobSpec.of("report.section", new ReportSection("2026-11", "shipping")))
                .onComplete(JobSpec.of("report.completed", "2026-11")));
        run.workflow("report-batch", batch.id());

        return status();
    }

    @GET
    @Path("demo/status")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject status() {
        boolean done = true;
        JsonObjectBuilder jobs = Json.createObjectBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(run.jobs()).entrySet()) {
            Job job = ojs.getJob(e.getValue());
            done &= FINISHED.contains(job.state());
            jobs.add(e.getKey(), describe(job));
        }
        JsonObjectBuilder workflows = Json.createObjectBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(run.workflows()).entrySet()) {
            WorkflowStatus workflow = ojs.getWorkflow(e.getValue());
            done &= FINISHED.contains(workflow.state());
            workflows.add(e.getKey(), Json.createObjectBuilder()
                    .add("id", workflow.id())
                    .add("state", workflow.state()));
        }
        var runs = Json.createArrayBuilder();
        activity.entries().forEach(a -> runs.add(Json.createObjectBuilder()
                .add("job", a.jobId()).add("type", a.type()).add("attempt", a.attempt())
                .add("outcome", a.outcome()).add("millis", a.millis()).add("thread", a.thread())));
        return Json.createObjectBuilder()
                .add("started", !run.jobs().isEmpty())
                .add("allFinished", !run.jobs().isEmpty() && done)
                .add("jobs", jobs)
                .add("workflows", workflows)
                .add("handlerRuns", runs)
                .build();
    }

    @GET
    @Path("jobs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject job(@PathParam("id") String id) {
        return describe(ojs.getJob(id)).build();
    }

    private static JsonObjectBuilder describe(Job job) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", job.id())
                .add("type", job.type())
                .add("state", job.state());
        if (job.attempt() != null) {
            b.add("attempt", job.attempt());
        }
        if (job.result() != null) {
            b.add("result", job.result());
        }
        return b;
    }
}
