package org.openjobspec.ee.reliability.liberty.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The redeploy scenario's control: an application without OJS that uses what OJS uses (CDI, JAX-RS with JSON-B,
 * MicroProfile Config, a programmatic MicroProfile REST client, the managed executor), so classes Liberty itself
 * keeps after an undeploy are not blamed on OJS.
 */
@ApplicationPath("api")
public class ControlApp extends Application {

    public record Status(String app, int calls) {
    }

    @Path("/control")
    public interface Remote {
        @POST
        @Produces(MediaType.APPLICATION_JSON)
        Status ping();
    }

    @ApplicationScoped
    public static class Starter {
        volatile Remote remote;

        void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
            String url = ConfigProvider.getConfig().getOptionalValue("ojs.url", String.class)
                    .orElse("http://127.0.0.1:1");
            remote = RestClientBuilder.newBuilder().baseUri(URI.create(url)).build(Remote.class);
            try {
                // not waited for: Liberty runs an application's managed tasks only once it has started
                ((jakarta.enterprise.concurrent.ManagedExecutorService) new javax.naming.InitialContext()
                        .lookup("java:comp/DefaultManagedExecutorService")).submit(() -> { });
            } catch (javax.naming.NamingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Path("/status")
    @ApplicationScoped
    public static class StatusResource {
        private int calls;

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Status status() {
            return new Status("control", ++calls);
        }
    }
}
