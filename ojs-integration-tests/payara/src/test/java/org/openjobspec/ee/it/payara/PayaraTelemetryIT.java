package org.openjobspec.ee.it.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjobspec.ee.it.EmbeddedOjsForContainers;
import org.openjobspec.ee.it.Http;
import org.openjobspec.ee.it.Wars;
import org.openjobspec.ee.it.payara.telemetry.TelemetryProbe;

/**
 * ojs-telemetry on Payara Micro 6, whose MicroProfile Telemetry 1.1 carries the OpenTelemetry API 1.29 ojs-telemetry
 * is written against: the WAR deploys, its job runs, and the enqueue span's trace context reaches the job's meta
 * (the SDK switched on by the application's configuration, no exporter).
 */
@ExtendWith({EmbeddedOjsForContainers.class, ArquillianExtension.class})
@RunAsClient
class PayaraTelemetryIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive telemetry() {
        return Wars.withOjs("ojs-telemetry.war", TelemetryProbe.class.getPackage())
                .addAsLibrary(new File(System.getProperty("ojs.telemetry.jar", "missing")))
                .addAsResource(TelemetryProbe.class.getPackage(), "microprofile-config.properties",
                        "META-INF/microprofile-config.properties");
    }

    @Test
    void deploysRunsItsJobAndPropagatesTheTraceContext() throws Exception {
        URI enqueue = Http.resolve(base, "api/jobs/payara");
        HttpResponse<String> answer = await().atMost(Duration.ofSeconds(60)).until(() -> Http.post(enqueue, ""),
                r -> r.statusCode() == 200);
        String id = answer.body();
        URI job = EmbeddedOjsForContainers.url().resolve("/ojs/v1/jobs/" + id);
        JsonObject done = await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(job).getJsonObject("job"),
                j -> j.getString("state").equals("completed"));
        assertThat(done.getString("result")).isEqualTo("probed payara");
        assertThat(done.getJsonObject("meta").getString("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    }
}
