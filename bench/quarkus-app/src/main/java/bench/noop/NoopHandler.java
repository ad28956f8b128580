package bench.noop;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjobspec.ee.JobHandler;

/** The no-op handler of the container throughput figures, here in a Quarkus application (found by ArC at build time). */
@ApplicationScoped
public class NoopHandler {

    @JobHandler("bench.noop")
    public void noop(String email, int n) {
    }
}
