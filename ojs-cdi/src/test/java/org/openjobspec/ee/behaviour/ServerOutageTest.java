package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;

/** The server goes away while a job runs and comes back with its state: nothing is lost or run twice. */
class ServerOutageTest {

    EmbeddedOjsServer server;

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
        Scenarios.reset();
        Ojs.fastConfig(server);
        TestConfig.set("ojs.worker.visibility-timeout", "PT5S"); // the lease outlives the outage
        TestConfig.set("ojs.connect-timeout", "PT0.5S");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void recoversAfterTheServerComesBack() throws Exception {
        OjsHttp http = new OjsHttp(server.url());
        try (WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            String inFlight = http.enqueue("blocking.job", args());
            assertThat(Scenarios.started.await(10, TimeUnit.SECONDS)).isTrue();

            int port = server.port();
            OjsState state = server.state();
            server.stop();
            Scenarios.release.countDown(); // finishes while the server is down: the ack must wait for it
            OjsHttp.sleep(1500);            // fetches and heartbeats fail, backing off meanwhile

            server = EmbeddedOjsServer.builder().port(port).state(state).start();
            http = new OjsHttp(server.url());
            assertThat(http.awaitState(inFlight, "completed", Duration.ofSeconds(10)).getString("result"))
                    .isEqualTo("released");
            String afterwards = http.enqueue("sleepy.job", args(1));
            http.awaitState(afterwards, "completed", Duration.ofSeconds(10));
            assertThat(Scenarios.calls(inFlight)).isEqualTo(1);
            assertThat(Scenarios.calls(afterwards)).isEqualTo(1);
        }
    }
}
