package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A progress report counts as a heartbeat: it extends the lease (the clock is passed in, so no sleeping). */
class ProgressLeaseTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void aReportExtendsTheLeaseByTheLeaseLength() {
        ServerState state = new ServerState();
        JsonObject body = (JsonObject) Json.parse("{\"type\":\"lease.test\",\"args\":[],\"options\":{\"queue\":\"q\"}}");
        String id = state.enqueue(PushRequest.parse(body, T0, ""), T0).id();
        state.fetch(List.of("q"), 1, "w1", 5_000L, T0);

        state.progress(id, 0.5, null, null, T0 + 4_000);
        state.tick(T0 + 8_999);
        assertThat(state.get(id).getJsonObject("job").getString("state")).isEqualTo("active");
        state.tick(T0 + 9_000);
        assertThat(state.get(id).getJsonObject("job").getString("state")).isEqualTo("available");
    }

    @Test
    void anIgnoredReportDoesNotExtendIt() {
        ServerState state = new ServerState();
        JsonObject body = (JsonObject) Json.parse("{\"type\":\"lease.test\",\"args\":[],\"options\":{\"queue\":\"q\"}}");
        String id = state.enqueue(PushRequest.parse(body, T0, ""), T0).id();
        state.fetch(List.of("q"), 1, "w1", 5_000L, T0);
        state.progress(id, 0.5, null, null, T0 + 1_000);
        state.progress(id, 0.2, null, null, T0 + 4_000); // lower: ignored
        state.tick(T0 + 6_000);
        assertThat(state.get(id).getJsonObject("job").getString("state")).isEqualTo("available");
    }
}
