package org.openjobspec.ee.it.quarkus;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.openjobspec.ee.OjsClient;

@Path("greeting")
public class GreetingResource {

    @Inject
    Greeter greeter;

    @Inject
    OjsClient ojs;

    @GET
    public String greet(@QueryParam("name") String name) {
        return greeter.greet(name);
    }

    /** Enqueues a greeting job through the injected client and answers its id. */
    @POST
    public String enqueue(@QueryParam("name") String name) {
        return ojs.enqueue("greeting.compose", new Greetings.Person(name)).id();
    }
}
