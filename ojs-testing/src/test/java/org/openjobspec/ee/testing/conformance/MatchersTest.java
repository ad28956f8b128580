package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.internal.server.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** Each matcher accepts what it should and, just as important, rejects a wrong value with a reason. */
class MatchersTest {

    private static String check(String matcherJson, String actualJson) {
        JsonPath.Result actual = actualJson == null ? new JsonPath.Result(false, null)
                : new JsonPath.Result(true, Json.parse(actualJson));
        return Matchers.check(Json.parse(matcherJson), actual, false);
    }

    private static void passes(String matcher, String actual) {
        assertThat(check(matcher, actual)).as(matcher + " vs " + actual).isNull();
    }

    private static void fails(String matcher, String actual) {
        assertThat(check(matcher, actual)).as(matcher + " vs " + actual).isNotNull().isNotBlank();
    }

    @Test
    void literals() {
        passes("\"active\"", "\"active\"");
        fails("\"active\"", "\"completed\"");
        fails("\"42\"", "42");
        passes("42", "42.0");
        fails("42", "43");
        fails("42", "\"42\"");
        passes("true", "true");
        fails("true", "false");
        fails("false", null);
        passes("null", "null");
        fails("null", null);
    }

    @Test
    void existence() {
        passes("\"any\"", "0");
        fails("\"any\"", "null");
        fails("\"any\"", null);
        passes("\"exists\"", "null");
        fails("\"exists\"", null);
        passes("\"absent\"", null);
        fails("\"absent\"", "null");
        passes("{\"$exists\":true,\"$type\":\"string\"}", "\"x\"");
        fails("{\"$exists\":true,\"$type\":\"string\"}", "5");
        passes("{\"$exists\":false}", null);
        fails("{\"$exists\":false}", "{}");
    }

    @Test
    void strings() {
        passes("\"string:nonempty\"", "\"x\"");
        fails("\"string:nonempty\"", "\"\"");
        passes("\"string:non_empty\"", "\"x\"");
        fails("\"string:non_empty\"", "1");
        passes("\"string:uuidv7\"", "\"019539a4-aaaa-7000-8000-111111111111\"");
        fails("\"string:uuidv7\"", "\"019539a4-aaaa-4000-8000-111111111111\"");
        fails("\"string:uuidv7\"", "\"019539A4-AAAA-7000-8000-111111111111\"");
        passes("\"string:uuid\"", "\"019539a4-aaaa-4000-8000-111111111111\"");
        fails("\"string:uuid\"", "\"not-a-uuid\"");
        passes("\"string:datetime\"", "\"2026-01-01T10:00:00.123Z\"");
        passes("\"string:datetime\"", "\"2026-01-01T10:00:00+02:00\"");
        fails("\"string:datetime\"", "\"2026-01-01T10:00:00\"");
        fails("\"string:datetime\"", "\"yesterday\"");
        passes("\"string:contains:max_attempts\"", "\"bad max_attempts value\"");
        fails("\"string:contains:max_attempts\"", "\"bad value\"");
        passes("\"string:pattern(^req_)\"", "\"req_123\"");
        fails("\"string:pattern(^req_)\"", "\"x_req_\"");
        passes("{\"$match\":\"application/(openjobspec\\\\+)?json\"}", "\"application/openjobspec+json\"");
        fails("{\"$match\":\"^a+$\"}", "\"b\"");
    }

    @Test
    void numbers() {
        passes("\"number:positive\"", "1");
        fails("\"number:positive\"", "0");
        passes("\"number:non_negative\"", "0");
        fails("\"number:non_negative\"", "-1");
        passes("\"number:range(400,422)\"", "422");
        fails("\"number:range(400,422)\"", "423");
        passes("\"~1000\"", "1450");
        fails("\"~1000\"", "1600");
        passes("\"~100\"", "190");
        fails("\"~100\"", "201");
        passes("{\"range\":{\"min\":1,\"max\":3}}", "2");
        fails("{\"range\":{\"min\":1,\"max\":3}}", "4");
        fails("{\"range\":{\"min\":1}}", "0");
    }

    @Test
    void arrays() {
        passes("\"array:nonempty\"", "[1]");
        fails("\"array:nonempty\"", "[]");
        passes("\"array:empty\"", "[]");
        fails("\"array:empty\"", "[1]");
        passes("\"array:length:3\"", "[1,2,3]");
        passes("\"array:length(3)\"", "[1,2,3]");
        fails("\"array:length:3\"", "[1,2]");
        passes("\"array:min_length:1\"", "[1,2]");
        passes("\"array:min:2\"", "[1,2]");
        fails("\"array:min_length:3\"", "[1,2]");
        passes("\"contains:b\"", "[\"a\",\"b\"]");
        fails("\"contains:c\"", "[\"a\",\"b\"]");
        passes("\"not_contains:c\"", "[\"a\",\"b\"]");
        fails("\"not_contains:b\"", "[\"a\",\"b\"]");
        passes("[\"arg1\",42,true,null,{\"nested\":\"value\"}]", "[\"arg1\",42,true,null,{\"nested\":\"value\"}]");
        fails("[\"arg1\",42]", "[\"arg1\",43]");
        fails("[]", "[1]");
        passes("[]", "[]");
        passes("{\"$size\":0}", "[]");
        fails("{\"$size\":0}", "[1]");
        passes("{\"$size\":{\"$gte\":1}}", "[1]");
        fails("{\"$size\":{\"$gte\":1}}", "[]");
    }

    @Test
    void alternatives() {
        passes("{\"$in\":[200,409]}", "409");
        fails("{\"$in\":[200,409]}", "500");
        passes("{\"$in\":[\"completed\",\"cancelled\"]}", "\"cancelled\"");
        fails("{\"$in\":[\"completed\",\"cancelled\"]}", "\"active\"");
        passes("{\"$or\":[\"number:positive\",\"absent\"]}", null);
        fails("{\"$or\":[\"number:positive\",\"string:nonempty\"]}", "-1");
        passes("{\"$empty\":true}", "[]");
        fails("{\"$empty\":true}", "[1]");
    }

    @Test
    void templatedStringsCompareAsText() {
        JsonPath.Result number = new JsonPath.Result(true, Json.parse("42"));
        assertThat(Matchers.check(Json.str("42"), number, true)).isNull();
        assertThat(Matchers.check(Json.str("43"), number, true)).isNotNull();
        assertThat(Matchers.check(Json.str("x"), new JsonPath.Result(false, null), true)).isNotNull();
        assertThat(Matchers.check(Json.str("null"), new JsonPath.Result(true, JsonValue.NULL), true)).isNotNull();
    }
}
