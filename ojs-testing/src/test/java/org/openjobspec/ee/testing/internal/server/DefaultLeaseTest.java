package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which lease a fetched job gets when nobody names one (the clock is passed in, so no sleeping). */
class DefaultLeaseTest {
    private static final long T0 = 1_800_000_000_000L;

    private static String enqueue(ServerState state, String options) {
        JsonObject body = (JsonObject) Json.parse("{\"type\":\"lease.test\",\"args\":[],\"options\":{\"queue\":\"q\""
                + options + "}}");
        return state.enqueue(PushRequest.parse(body, T0, ""), T0).id();
    }

    private static String stateOf(ServerState state, String id) {
        return state.get(id).getJsonObject("job").getString("state");
    }

    @Test
    void withoutAnyVisibilityTimeoutTheLeaseIsTheWorkerProtocolsDefault() {
        ServerState state = new ServerState();
        String id = enqueue(state, "");
        state.fetch(List.of("q"), 1, "w1", null, T0);

        state.tick(T0 + 65_000); // L2-CRON-005 fetches again after 65 s and expects the job still active
        assertThat(stateOf(state, id)).isEqualTo("active");
        state.tick(T0 + ServerState.DEFAULT_VISIBILITY_MS - 1);
        assertThat(stateOf(state, id)).isEqualTo("active");
        state.tick(T0 + ServerState.DEFAULT_VISIBILITY_MS);
        assertThat(stateOf(state, id)).isEqualTo("available");
    }

    @Test
    void fetchAndJobVisibilityTimeoutsStillWinOverTheDefault() {
        ServerState state = new ServerState();
        String byJob = enqueue(state, ",\"visibility_timeout_ms\":5000");
        state.fetch(List.of("q"), 1, "w1", null, T0);
        String byFetch = enqueue(state, ",\"visibility_timeout_ms\":5000");
        state.fetch(List.of("q"), 1, "w1", 2000L, T0);

        state.tick(T0 + 2000);
        assertThat(stateOf(state, byFetch)).isEqualTo("available");
        assertThat(stateOf(state, byJob)).isEqualTo("active");
        state.tick(T0 + 5000);
        assertThat(stateOf(state, byJob)).isEqualTo("available");
    }

    @Test
    void theDefaultCanBeConfigured() {
        ServerState state = new ServerState();
        state.defaultVisibilityTimeout(30_000);
        String id = enqueue(state, "");
        state.fetch(List.of("q"), 1, "w1", null, T0);
        state.tick(T0 + 30_000);
        assertThat(stateOf(state, id)).isEqualTo("available");
    }
}
