package org.openjobspec.ee.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.AckResponse;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.FetchResponse;
import org.openjobspec.ee.model.HeartbeatRequest;
import org.openjobspec.ee.model.HeartbeatResponse;
import org.openjobspec.ee.model.NackRequest;
import org.openjobspec.ee.model.NackResponse;

/**
 * The OJS worker protocol ({@code /ojs/v1/workers/...}).
 *
 * <p>Build it with {@link OjsRestClients#create}: then every failure is an
 * {@link org.openjobspec.ee.error.OjsException} and {@link #fetch} never returns {@code null}
 * (a {@code 204} answer becomes {@link FetchResponse#EMPTY}).
 */
@RegisterRestClient(configKey = "ojs")
@Path("/ojs/v1/workers")
@Consumes(OjsMediaTypes.OJS_JSON)
@Produces({OjsMediaTypes.OJS_JSON, "application/json"})
public interface OjsWorkerApi {

    /** Reserves up to {@code count} jobs from the given queues. */
    @POST
    @Path("/fetch")
    FetchResponse fetch(FetchRequest request);

    /** Completes an active job. */
    @POST
    @Path("/ack")
    AckResponse ack(AckRequest request);

    /** Fails (or with {@code requeue} releases) an active job. */
    @POST
    @Path("/nack")
    NackResponse nack(NackRequest request);

    /** Reports liveness, extends the leases of the listed jobs, and returns the server's directive. */
    @POST
    @Path("/heartbeat")
    HeartbeatResponse heartbeat(HeartbeatRequest request);
}
