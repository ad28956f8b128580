package org.openjobspec.ee.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.InjectOjsServer;
import org.openjobspec.ee.testing.OjsServerTest;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;

@OjsServerTest(resetBetweenTests = true)
class EndToEndTest {

    @InjectOjsServer
    static EmbeddedOjsServer server;
    static OjsHttp http;

    public record EmailArgs(String to, String subject) {
    }

    public record Receipt(String messageId, int attempt) {
    }

    @ApplicationScoped
    public static class Mailer {
        @JobHandler("email.send")
        public Receipt send(EmailArgs args, JobContext ctx) {
            return new Receipt("sent-to-" + args.to() + "-" + args.subject(), ctx.attempt());
        }

        @JobHandler("math.add")
        public int add(int a, int b, List<Integer> more) {
            return a + b + (more == null ? 0 : more.stream().mapToInt(Integer::intValue).sum());
        }
    }

    @BeforeAll
    static void client() {
        http = new OjsHttp(server.url());
    }

    @BeforeEach
    void config() {
        Ojs.fastConfig(server);
    }

    @Test
    void runsTypedHandlerAndStoresItsResult() {
        try (WeldContainer c = Ojs.boot(Mailer.class)) {
            JsonObject email = Json.createObjectBuilder().add("to", "ann@example.com").add("subject", "hi").build();
            String id = http.enqueue("email.send", args(email));
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getJsonObject("result").getString("messageId")).isEqualTo("sent-to-ann@example.com-hi");
            assertThat(job.getJsonObject("result").getInt("attempt")).isEqualTo(1);
        }
    }

    @Test
    void bindsPositionalArgs() {
        try (WeldContainer c = Ojs.boot(Mailer.class)) {
            String id = http.enqueue("math.add", args(2, 3, Json.createArrayBuilder().add(4).add(5).build()));
            JsonObject job = http.awaitState(id, "completed");
            assertThat(job.getInt("result")).isEqualTo(14);
        }
    }
}
