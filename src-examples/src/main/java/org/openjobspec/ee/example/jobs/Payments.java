package org.openjobspec.ee.example.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.example.middleware.Audited;
import org.openjobspec.ee.example.jobs.Messages.CapturePayment;
import org.openjobspec.ee.example.jobs.Messages.PaymentReceipt;

/**
 * A handler that fails and is retried: the (simulated) payment gateway is unavailable for the first two
 * deliveries of each order. Throwing fails the attempt; the OJS server schedules the next one after the job's
 * retry policy's backoff, until {@code max_attempts} is reached.
 */
@Audited
@ApplicationScoped
public class Payments {

    /** Deliveries of an order that fail before the gateway answers. */
    public static final int FAILING_DELIVERIES = 2;

    // counted here rather than read from JobContext#attempt(): servers differ on whether the first is 0 or 1
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

    @JobHandler("payment.capture")
    public PaymentReceipt capture(CapturePayment payment, JobContext job) {
        int delivery = deliveries.merge(payment.orderId(), 1, Integer::sum);
        if (delivery <= FAILING_DELIVERIES) {
            throw new GatewayUnavailableException("payment gateway unavailable (delivery " + delivery
                    + ", attempt " + job.attempt() + " of " + job.maxAttempts() + ")");
        }
        return new PaymentReceipt(payment.orderId(), payment.amountCents(), delivery);
    }

    /** A transient failure: retryable, like every exception not marked non-retryable. */
    public static class GatewayUnavailableException extends RuntimeException {
        public GatewayUnavailableException(String message) {
            super(message);
        }
    }
}
