package org.openjobspec.ee.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.AckResponse;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.FetchResponse;
import org.openjobspec.ee.model.HeartbeatRequest;
import org.openjobspec.ee.model.HeartbeatResponse;
import org.openjobspec.ee.model.NackRequest;
import org.openjobspec.ee.model.NackResponse;
import org.openjobspec.ee.model.ProgressRequest;

/**
 * The OJS worker protocol ({@code /ojs/v1/workers/...}) and the worker's progress reports
 * ({@code /ojs/v1/jobs/{id}/progress}, OJS progress extension).
 *
 * <p>Build it with {@link OjsRestClients#create}: then every failure is an
 * {@link org.openjobspec.ee.error.OjsException} and {@link #fetch} never returns {@code null}
 * (a {@code 204} answer becomes {@link FetchResponse#EMPTY}).
 */
@RegisterRestClient(configKey = "ojs")
@Path("/ojs/v1")
@Consumes(OjsMediaTypes.OJS_JSON)
@Produces({OjsMediaTypes.OJS_JSON, "application/json"})
public interface OjsWorkerApi {

    /** Reserves up to {@code count} jobs from the given queues. */
    @POST
    @Path("/workers/fetch")
    FetchResponse fetch(FetchRequest request);

    /** Completes an active job. */
    @POST
    @Path("/workers/ack")
    AckResponse ack(AckRequest request);

    /** Fails (or with {@code requeue} releases) an active job. */
    @POST
    @Path("/workers/nack")
    NackResponse nack(NackRequest request);

    /** Reports liveness, extends the leases of the listed jobs, and returns the server's directive. */
    @POST
    @Path("/workers/heartbeat")
    HeartbeatResponse heartbeat(HeartbeatRequest request);

    /**
     * Reports how far an active job is; the server counts it as a heartbeat for that job. A server without the
     * progress extension answers 404 or 405 (thrown, as every error answer). A success is returned unread, since
     * servers differ in what they send back: close it.
     */
    @PUT
    @Path("/jobs/{id}/progress")
    Response progress(@PathParam("id") String jobId, ProgressRequest request);
}
