package org.openjobspec.ee.testing;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OjsServerTest} used as a meta-annotation: its settings reach the server. */
@ComposedAnnotationTest.SecuredOjsTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposedAnnotationTest {
    private static final String TOKEN = "composed-secret";

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @OjsServerTest(authToken = TOKEN, resetBetweenTests = true)
    @interface SecuredOjsTest {
    }

    @Test
    @Order(1)
    void theComposedAnnotationsTokenIsRequired(EmbeddedOjsServer server) {
        assertThat(new TestHttp(server.url()).get("/ojs/v1/queues").status()).isEqualTo(401);
        assertThat(new TestHttp(server.url(), TOKEN).get("/ojs/v1/queues").status()).isEqualTo(200);
        new TestHttp(server.url(), TOKEN).enqueue("composed");
        assertThat(server.state().jobCount()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theComposedAnnotationsResetBetweenTestsApplies(EmbeddedOjsServer server) {
        assertThat(server.state().jobCount()).isZero();
    }
}
