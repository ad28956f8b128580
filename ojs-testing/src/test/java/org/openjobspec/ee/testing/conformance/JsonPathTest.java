package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.internal.server.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathTest {
    private final JsonValue doc = Json.parse("""
            {"job":{"id":"a","args":[1,{"x":true}],"meta":{"k":null}},
             "jobs":[{"id":"j1","state":"active","n":1},{"id":"j2","state":"done","n":2},{"id":"j3","n":2}],
             "crons":[{"name":"c1"},{"other":1},{"name":"c2"}],
             "steps":{"step-1":{"response":{"body":{"v":5}}}}}
            """);

    @Test
    void fieldsIndexesAndRoot() {
        assertThat(text("$.job.id")).isEqualTo("a");
        assertThat(text("$.job.args[0]")).isEqualTo("1");
        assertThat(text("$.job.args[1].x")).isEqualTo("true");
        assertThat(text("$.jobs[1]['state']")).isEqualTo("done");
        assertThat(JsonPath.eval(doc, "$").value()).isEqualTo(doc);
        assertThat(text("$.steps.step-1.response.body.v")).as("hyphenated names").isEqualTo("5");
    }

    @Test
    void nullIsFoundButMissingIsNot() {
        assertThat(JsonPath.eval(doc, "$.job.meta.k").found()).isTrue();
        assertThat(JsonPath.eval(doc, "$.job.meta.k").value()).isEqualTo(JsonValue.NULL);
        assertThat(JsonPath.eval(doc, "$.job.meta.nope").found()).isFalse();
        assertThat(JsonPath.eval(doc, "$.job.args[7]").found()).isFalse();
        assertThat(JsonPath.eval(doc, "$.job.id.deeper").found()).isFalse();
        assertThat(JsonPath.eval(null, "$.job").found()).isFalse();
    }

    @Test
    void wildcardCollectsAFlatListSkippingMisses() {
        assertThat(Json.write(JsonPath.eval(doc, "$.crons[*].name").value())).isEqualTo("[\"c1\",\"c2\"]");
        assertThat(Json.write(JsonPath.eval(doc, "$.jobs[*].state").value())).isEqualTo("[\"active\",\"done\"]");
        assertThat(JsonPath.eval(doc, "$.nothing[*].name").found()).as("missing parent").isFalse();
        assertThat(Json.write(JsonPath.eval(Json.parse("{\"crons\":[]}"), "$.crons[*].name").value())).isEqualTo("[]");
    }

    @Test
    void filterReturnsTheFirstMatchOnly() {
        assertThat(text("$.jobs[?(@.id=='j2')].state")).isEqualTo("done");
        assertThat(text("$.jobs[?(@.n==2)].id")).isEqualTo("j2");
        assertThat(JsonPath.eval(doc, "$.jobs[?(@.id=='zz')]").found()).isFalse();
        assertThat(JsonPath.eval(doc, "$.jobs[?(@.id=='zz')].state").found()).isFalse();
    }

    @Test
    void malformedPathsAreErrors() {
        assertThatThrownBy(() -> JsonPath.eval(doc, "job.id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.eval(doc, "$.jobs[0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.eval(doc, "$.jobs[x]")).isInstanceOf(IllegalArgumentException.class);
    }

    private String text(String path) {
        JsonPath.Result r = JsonPath.eval(doc, path);
        assertThat(r.found()).as(path).isTrue();
        return Json.text(r.value());
    }
}
