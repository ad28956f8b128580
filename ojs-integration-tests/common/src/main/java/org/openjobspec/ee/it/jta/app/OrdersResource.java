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
 * {@code POST api/orders/{via}/{outcome}/{orderId}}: places an order through the EJB ({@code ejb}), the
 * {@code @Transactional} bean ({@code cdi}) or a {@code UserTransaction} ({@code ut}), whose transaction then
 * commits ({@code commit}), rolls back ({@code rollback}: an exception, or {@code UserTransaction.rollback()}) or is
 * marked rollback-only ({@code rollback-only}). Answers the id of the job the
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

    @Inject
    UserTransactionOrders ut;

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
                        @PathParam("orderId") String orderId) throws Exception {
        try {
            return switch (via + " " + outcome) {
                case "ejb commit" -> ejb.commit(orderId);
                case "ejb rollback" -> ejb.rollback(orderId);
                case "ejb rollback-only" -> ejb.rollbackOnly(orderId);
                case "cdi commit" -> cdi.commit(orderId);
                case "cdi rollback" -> cdi.rollback(orderId);
                case "cdi rollback-only" -> cdi.rollbackOnly(orderId);
                case "ut commit" -> ut.commit(orderId);
                case "ut rollback" -> ut.rollback(orderId);
                case "ut rollback-only" -> ut.rollbackOnly(orderId);
                default -> throw new NotFoundException("no such bean or outcome: " + via + " " + outcome);
            };
        } catch (Declined e) {
            return e.jobId();
        }
    }
}
