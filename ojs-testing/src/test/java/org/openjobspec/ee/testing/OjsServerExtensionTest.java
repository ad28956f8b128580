package org.openjobspec.ee.testing;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

@OjsServerTest(resetBetweenTests = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OjsServerExtensionTest {
    @InjectOjsServer
    static EmbeddedOjsServer classServer;

    @InjectOjsServer
    URI url;

    @InjectOjsServer
    String urlText;

    @Test
    @Order(1)
    void injectsTheSameServerEverywhereAndPublishesTheUrl(EmbeddedOjsServer server, @InjectOjsServer URI param) {
        assertThat(server).isSameAs(classServer);
        assertThat(param).isEqualTo(server.url()).isEqualTo(url);
        assertThat(urlText).isEqualTo(server.url().toString());
        assertThat(System.getProperty("ojs.url")).isEqualTo(server.url().toString());
        assertThat(server.isRunning()).isTrue();
        new TestHttp(param).enqueue("ext");
        assertThat(new TestHttp(param).get("/ojs/v1/queues/ext/stats").body().getJsonObject("queue")
                .getInt("available")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void resetsBetweenTestsWhenAsked(@InjectOjsServer URI param) {
        assertThat(new TestHttp(param).get("/ojs/v1/queues/ext/stats").body().getJsonObject("queue")
                .getInt("available")).isZero();
    }
}
