package org.openjobspec.ee.example.jobs;

/** The typed arguments and results of the example's jobs: JSON-B maps them to and from the job's JSON. */
public final class Messages {

    private Messages() {
    }

    public record WelcomeEmail(String to, String name) {
    }

    public record EmailReceipt(String to, String messageId) {
    }

    public record ResizeImage(String imageId, int width) {
    }

    public record ImageVariant(String imageId, int width, String location) {
    }

    public record ReportSection(String report, String section) {
    }

    public record SectionTotal(String section, long orders) {
    }

    public record CapturePayment(String orderId, long amountCents) {
    }

    public record PaymentReceipt(String orderId, long amountCents, int attempts) {
    }
}
