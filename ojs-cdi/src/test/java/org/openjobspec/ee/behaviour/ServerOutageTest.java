package org.openjobspec.ee.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openjobspec.ee.testkit.OjsHttp.args;

import java.util.logging.Level;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.OjsState;
import org.openjobspec.ee.testkit.LogCapture;
import org.openjobspec.ee.testkit.Ojs;
import org.openjobspec.ee.testkit.OjsHttp;
import org.openjobspec.ee.testkit.TestConfig;
import org.openjobspec.ee.testkit.Wait;
import org.openjobspec.ee.internal.worker.Worker;

import static org.openjobspec.ee.internal.Messages.WRK_0012;

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
        try (LogCapture workerLog = LogCapture.of(Worker.class.getName(), Level.FINE);
             WeldContainer c = Ojs.boot(Scenarios.Blocking.class)) {
            String inFlight = http.enqueue("blocking.job", args());
            Scenarios.awaitStarted();

            int port = server.port();
            OjsState state = server.state();
            server.stop();
            Scenarios.release.countDown(); // finishes while the server is down: the ack must wait for it
            Wait.until("the ack failed and waits for the server", workerLog::messages,
                    m -> m.stream().anyMatch(l -> l.startsWith(WRK_0012 + ":") && l.contains(inFlight)));

            server = EmbeddedOjsServer.builder().port(port).state(state).start();
            http = new OjsHttp(server.url());
            assertThat(http.awaitState(inFlight, "completed").getString("result")).isEqualTo("released");
            String afterwards = http.enqueue("sleepy.job", args(1));
            http.awaitState(afterwards, "completed");
            assertThat(Scenarios.calls(inFlight)).isEqualTo(1);
            assertThat(Scenarios.calls(afterwards)).isEqualTo(1);
        }
    }
}
