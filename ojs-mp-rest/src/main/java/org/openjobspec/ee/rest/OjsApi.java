package org.openjobspec.ee.rest;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openjobspec.ee.model.BatchEnqueueRequest;
import org.openjobspec.ee.model.CronAnswer;
import org.openjobspec.ee.model.CronList;
import org.openjobspec.ee.model.CronRegistration;
import org.openjobspec.ee.model.DeadLetterPage;
import org.openjobspec.ee.model.EnqueueRequest;
import org.openjobspec.ee.model.EventPage;
import org.openjobspec.ee.model.Health;
import org.openjobspec.ee.model.JobResponse;
import org.openjobspec.ee.model.JobsResponse;
import org.openjobspec.ee.model.Manifest;
import org.openjobspec.ee.model.QueueAnswer;
import org.openjobspec.ee.model.QueueList;
import org.openjobspec.ee.model.WorkflowRequest;
import org.openjobspec.ee.model.WorkflowResponse;

/**
 * Producer and admin endpoints of the OJS HTTP binding. Build it with {@link OjsRestClients#create};
 * event streams are read separately (see the client's subscriptions).
 */
@RegisterRestClient(configKey = "ojs")
@Path("/ojs")
@Consumes(OjsMediaTypes.OJS_JSON)
@Produces({OjsMediaTypes.OJS_JSON, "application/json"})
public interface OjsApi {

    /** {@code GET /ojs/manifest}. */
    @GET
    @Path("/manifest")
    Manifest manifest();

    /** {@code GET /ojs/v1/health}. */
    @GET
    @Path("/v1/health")
    Health health();

    /** {@code POST /ojs/v1/jobs}: 201 created, or 200 with the existing job (unique {@code ignore}). */
    @POST
    @Path("/v1/jobs")
    JobResponse enqueue(EnqueueRequest request);

    /** {@code POST /ojs/v1/jobs/batch}: all or nothing. */
    @POST
    @Path("/v1/jobs/batch")
    JobsResponse enqueueBatch(BatchEnqueueRequest request);

    /** {@code GET /ojs/v1/jobs/{id}}. */
    @GET
    @Path("/v1/jobs/{id}")
    JobResponse getJob(@PathParam("id") String id);

    /** {@code DELETE /ojs/v1/jobs/{id}}: cancel. */
    @DELETE
    @Path("/v1/jobs/{id}")
    JobResponse cancelJob(@PathParam("id") String id);

    /** {@code GET /ojs/v1/queues}; {@code null} parameters are left out (all queues). */
    @GET
    @Path("/v1/queues")
    QueueList listQueues(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset);

    /** {@code GET /ojs/v1/queues/{name}/stats}. */
    @GET
    @Path("/v1/queues/{name}/stats")
    QueueAnswer queueStats(@PathParam("name") String name);

    /** {@code POST /ojs/v1/queues/{name}/pause}. */
    @POST
    @Path("/v1/queues/{name}/pause")
    QueueAnswer pauseQueue(@PathParam("name") String name, JsonObject emptyBody);

    /** {@code POST /ojs/v1/queues/{name}/resume}. */
    @POST
    @Path("/v1/queues/{name}/resume")
    QueueAnswer resumeQueue(@PathParam("name") String name, JsonObject emptyBody);

    /** {@code GET /ojs/v1/dead-letter}. */
    @GET
    @Path("/v1/dead-letter")
    DeadLetterPage listDeadLetter(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
                                  @QueryParam("queue") String queue);

    /** {@code POST /ojs/v1/dead-letter/{id}/retry}. */
    @POST
    @Path("/v1/dead-letter/{id}/retry")
    JobResponse retryDeadLetter(@PathParam("id") String id, JsonObject emptyBody);

    /** {@code DELETE /ojs/v1/dead-letter/{id}}. */
    @DELETE
    @Path("/v1/dead-letter/{id}")
    JsonObject deleteDeadLetter(@PathParam("id") String id);

    /** {@code GET /ojs/v1/cron}. */
    @GET
    @Path("/v1/cron")
    CronList listCron();

    /** {@code POST /ojs/v1/cron}. */
    @POST
    @Path("/v1/cron")
    CronAnswer registerCron(CronRegistration registration);

    /** {@code DELETE /ojs/v1/cron/{name}}. */
    @DELETE
    @Path("/v1/cron/{name}")
    CronAnswer unregisterCron(@PathParam("name") String name);

    /**
     * {@code GET /ojs/v1/events}: events after the cursor {@code after}, oldest first; filters are comma-separated
     * lists, {@code null} parameters are left out.
     */
    @GET
    @Path("/v1/events")
    EventPage pollEvents(@QueryParam("after") String after, @QueryParam("types") String types,
                         @QueryParam("queues") String queues, @QueryParam("job_types") String jobTypes,
                         @QueryParam("limit") Integer limit);

    /** {@code POST /ojs/v1/workflows}. */
    @POST
    @Path("/v1/workflows")
    WorkflowResponse createWorkflow(WorkflowRequest request);

    /** {@code GET /ojs/v1/workflows/{id}}. */
    @GET
    @Path("/v1/workflows/{id}")
    WorkflowResponse getWorkflow(@PathParam("id") String id);

    /** {@code DELETE /ojs/v1/workflows/{id}}. */
    @DELETE
    @Path("/v1/workflows/{id}")
    WorkflowResponse cancelWorkflow(@PathParam("id") String id);
}
