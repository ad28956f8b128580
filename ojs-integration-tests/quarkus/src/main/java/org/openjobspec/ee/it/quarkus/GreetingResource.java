package org.openjobspec.ee.it.quarkus;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("greeting")
public class GreetingResource {

    @Inject
    Greeter greeter;

    @GET
    public String greet(@QueryParam("name") String name) {
        return greeter.greet(name);
    }
}
