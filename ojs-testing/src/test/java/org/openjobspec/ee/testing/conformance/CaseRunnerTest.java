package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.internal.server.Json;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's templates, assertions and step handling, against a real server and canned responses. */
class CaseRunnerTest {
    private static EmbeddedOjsServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        server = EmbeddedOjsServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static CaseRunner.StepResponse response(int status, String body) {
        return new CaseRunner.StepResponse(status, Map.of("Content-Type", List.of("application/openjobspec+json")),
                body, body.isBlank() ? null : Json.parse(body), 120);
    }

    private static JsonObject obj(String json) {
        return (JsonObject) Json.parse(json);
    }

    @Test
    void templatesInsertStringsNumbersAndJsonText() {
        CaseRunner runner = new CaseRunner(HTTP, server.url());
        runner.record("step-1", response(201, "{\"job\":{\"id\":\"abc\",\"n\":5,\"args\":[1,{\"a\":2}]}}"));
        assertThat(runner.resolve("/ojs/v1/jobs/{{steps.step-1.response.body.job.id}}").text())
                .isEqualTo("/ojs/v1/jobs/abc");
        assertThat(runner.resolve("{{steps.step-1.response.body.job.n}}").text()).isEqualTo("5");
        assertThat(runner.resolve("{{steps.step-1.response.body.job.args}}").text()).isEqualTo("[1,{\"a\":2}]");
        assertThat(runner.resolve("{{steps.step-1.response.status}}").text()).isEqualTo("201");
        CaseRunner.Resolved missing = runner.resolve("x{{steps.step-9.response.body.job.id}}");
        assertThat(missing.text()).as("unresolvable stays as written").isEqualTo("x{{steps.step-9.response.body.job.id}}");
        assertThat(missing.templated()).isFalse();
    }

    @Test
    void aWrongResponseFailsItsAssertions() {
        CaseRunner runner = new CaseRunner(HTTP, server.url());
        runner.record("step-1", response(201, "{\"job\":{\"id\":\"abc\"}}"));
        JsonObject step = obj("""
                {"id":"s","action":"GET","path":"/x","assertions":{"status":200,
                 "body":{"$.job.id":"{{steps.step-1.response.body.job.id}}","$.job.state":"active"},
                 "headers":{"Content-Type":"application/openjobspec+json"}}}""");
        assertThat(runner.assertionFailure(step, response(200, "{\"job\":{\"id\":\"abc\",\"state\":\"active\"}}")))
                .isNull();
        assertThat(runner.assertionFailure(step, response(404, "{\"job\":{\"id\":\"abc\",\"state\":\"active\"}}")))
                .contains("status");
        assertThat(runner.assertionFailure(step, response(200, "{\"job\":{\"id\":\"abd\",\"state\":\"active\"}}")))
                .contains("$.job.id");
        assertThat(runner.assertionFailure(step, response(200, "{\"job\":{\"id\":\"abc\",\"state\":\"done\"}}")))
                .contains("$.job.state");
        assertThat(runner.assertionFailure(obj("{\"id\":\"s\",\"assertions\":{\"headers\":{\"OJS-Version\":\"1.0\"}}}"),
                response(200, "{}"))).contains("OJS-Version");
    }

    @Test
    void statusFormsAndOrAlternativesAndEmptyBodies() {
        assertThat(CaseRunner.checkStatus(Json.str("one_of:400,422"), 422)).isNull();
        assertThat(CaseRunner.checkStatus(Json.str("one_of:400,422"), 409)).isNotNull();
        assertThat(CaseRunner.checkStatus(Json.str("number:range(400,422)"), 404)).isNull();
        assertThat(CaseRunner.checkStatus(Json.str("number:range(400,422)"), 500)).isNotNull();
        assertThat(CaseRunner.checkStatus(Json.parse("{\"$in\":[200,204]}"), 204)).isNull();
        assertThat(CaseRunner.checkStatus(Json.parse("201"), 200)).isNotNull();

        CaseRunner runner = new CaseRunner(HTTP, server.url());
        JsonObject step = obj("""
                {"id":"s","assertions":{"status_in":[200,204],
                 "body":{"$or":[{"$.jobs":{"$size":0}},{"$empty":true}]}}}""");
        assertThat(runner.assertionFailure(step, response(204, ""))).isNull();
        assertThat(runner.assertionFailure(step, response(200, "{\"jobs\":[]}"))).isNull();
        assertThat(runner.assertionFailure(step, response(200, "{\"jobs\":[{\"id\":\"1\"}]}"))).contains("$or");
        assertThat(runner.assertionFailure(step, response(500, ""))).contains("status_in");
    }

    @Test
    void unknownAssertionsAndActionsFailInsteadOfBeingSkipped() {
        CaseRunner runner = new CaseRunner(HTTP, server.url());
        assertThat(runner.assertionFailure(obj("{\"id\":\"s\",\"assertions\":{\"frobnicate\":1}}"), response(200, "{}")))
                .contains("unsupported assertion");
        assertThat(runner.run(obj("{\"steps\":[{\"id\":\"a\",\"action\":\"TELEPORT\"}]}"))).contains("unsupported action");
        assertThat(runner.run(obj("{\"steps\":[]}"))).contains("no steps");
    }

    @Test
    void timingAssertions() {
        CaseRunner.StepResponse r = response(200, "{}"); // 120 ms
        assertThat(CaseRunner.checkTiming(obj("{\"less_than\":200}"), r)).isNull();
        assertThat(CaseRunner.checkTiming(obj("{\"less_than\":100}"), r)).isNotNull();
        assertThat(CaseRunner.checkTiming(obj("{\"greater_than\":100}"), r)).isNull();
        assertThat(CaseRunner.checkTiming(obj("{\"greater_than\":150}"), r)).isNotNull();
        assertThat(CaseRunner.checkTiming(obj("{\"approximate\":200}"), r)).isNull();
        assertThat(CaseRunner.checkTiming(obj("{\"approximate\":1000}"), r)).isNotNull();
    }

    @Test
    void runsAWholeCaseWithParallelStepsAndExclusiveClaim() {
        server.reset();
        String ok = """
                {"test_id":"T-1","steps":[
                 {"id":"e","action":"POST","path":"/ojs/v1/jobs","body":{"type":"t.x","args":[],"options":{"queue":"excl"}},
                  "assertions":{"status":201}},
                 {"id":"f1","action":"POST","path":"/ojs/v1/workers/fetch","parallel_with":"f2","body":{"queues":["excl"]},
                  "assertions":{"status":200}},
                 {"id":"f2","action":"POST","path":"/ojs/v1/workers/fetch","parallel_with":"f1","body":{"queues":["excl"]},
                  "assertions":{"status":200}},
                 {"id":"w","action":"WAIT","duration_ms":10},
                 {"id":"a","action":"ASSERT","assertions":{"exclusive_claim":{"job_id":"{{steps.e.response.body.job.id}}",
                  "fetches":["{{steps.f1.response.body.jobs}}","{{steps.f2.response.body.jobs}}"],
                  "exactly_one_has_job":true,"exactly_one_empty":true}}}]}""";
        assertThat(new CaseRunner(HTTP, server.url()).run(obj(ok))).isNull();

        String wrong = ok.substring(0, ok.lastIndexOf(']')) + ",{\"id\":\"b\",\"action\":\"GET\","
                + "\"path\":\"/ojs/v1/jobs/{{steps.e.response.body.job.id}}\","
                + "\"assertions\":{\"body\":{\"$.job.state\":\"completed\"}}}]}";
        assertThat(new CaseRunner(HTTP, server.url()).run(obj(wrong))).contains("$.job.state").contains("active");
    }
}
