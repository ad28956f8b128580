package org.openjobspec.ee.testing;

import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testing.internal.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit the extension hands out carries the server's bearer token. */
@OjsServerTest(authToken = "s3cret")
class OjsTestKitAuthTest {

    @Test
    void theKitSendsTheServersToken(EmbeddedOjsServer server, OjsTestKit ojs) {
        new TestHttp(server.url(), "s3cret").enqueue("secured");

        assertThat(ojs.enqueued()).hasSize(1);
        assertThatThrownBy(() -> OjsTestKit.connect(server.url()).enqueued())
                .hasMessageStartingWith(Messages.SRV_0911.id()).hasMessageContaining("401");
    }
}
