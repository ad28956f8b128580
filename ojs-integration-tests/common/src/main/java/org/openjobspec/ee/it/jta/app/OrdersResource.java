package org.openjobspec.ee.it.jta.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openjobspec.ee.jta.TransactionalOjs;

/**
 * {@code POST api/orders/{via}/{outcome}/{orderId}}: places an order through the EJB ({@code ejb}) or the
 * {@code @Transactional} bean ({@code cdi}), whose transaction then commits ({@code commit}), rolls back on an
 * exception ({@code rollback}) or is marked rollback-only ({@code rollback-only}). Answers the id of the job the
 * transaction staged, so the test can look for it on the OJS server. {@code GET api/orders/mode} answers the mode
 * of {@link TransactionalOjs} ({@code AFTER_COMMIT} or {@code OUTBOX}): the application is up and configured.
 */
@Path("orders")
public class OrdersResource {

    @Inject
    TransactionalOjs ojs;

    @Inject
    EjbOrders ejb;

    @Inject
    CdiOrders cdi;

    @GET
    @Path("mode")
    @Produces(MediaType.TEXT_PLAIN)
    public String mode() {
        return ojs.mode().name();
    }

    @POST
    @Path("{via}/{outcome}/{orderId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String place(@PathParam("via") String via, @PathParam("outcome") String outcome,
                        @PathParam("orderId") String orderId) {
        boolean viaEjb = switch (via) {
            case "ejb" -> true;
            case "cdi" -> false;
            default -> throw new NotFoundException("no such bean: " + via);
        };
        try {
            return switch (outcome) {
                case "commit" -> viaEjb ? ejb.commit(orderId) : cdi.commit(orderId);
                case "rollback" -> viaEjb ? ejb.rollback(orderId) : cdi.rollback(orderId);
                case "rollback-only" -> viaEjb ? ejb.rollbackOnly(orderId) : cdi.rollbackOnly(orderId);
                default -> throw new NotFoundException("no such outcome: " + outcome);
            };
        } catch (Declined e) {
            return e.jobId();
        }
    }
}
