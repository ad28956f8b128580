package org.openjobspec.ee.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjobspec.ee.error.OjsConflictException;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.error.OjsMalformedResponseException;
import org.openjobspec.ee.error.OjsRateLimitedException;
import org.openjobspec.ee.error.OjsTimeoutException;
import org.openjobspec.ee.error.OjsTransportException;
import org.openjobspec.ee.error.OjsUnavailableException;
import org.openjobspec.ee.model.AckRequest;
import org.openjobspec.ee.model.FetchRequest;
import org.openjobspec.ee.model.FetchResponse;
import org.openjobspec.ee.model.HeartbeatRequest;
import org.openjobspec.ee.model.WorkerDirective;

/** The worker API against answers a real server cannot be made to give. */
@Timeout(60)
class WorkerApiFaultTest {

    private FakeHttp fake;
    private OjsWorkerApi api;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeHttp();
        api = OjsRestClients.create(OjsWorkerApi.class, new OjsRestConfig(fake.url(), Duration.ofSeconds(2),
                Duration.ofMillis(700), "s3cret", Map.of("X-Tenant", "acme"), null, null, null, null, null));
    }

    @AfterEach
    void stop() throws Exception {
        ((Closeable) api).close();
        fake.close();
    }

    @Test
    void fetch204IsEmptyNotNull() {
        fake.answer(new FakeHttp.Answer(204, Map.of(), null, 0));
        FetchResponse response = api.fetch(new FetchRequest(List.of("default"), 1, "w", 1000L));
        assertThat(response.jobs()).isEmpty();
    }

    @Test
    void everyRequestCarriesTheOjsHeadersAndTheInteropBody() {
        fake.answer(200, "{\"jobs\":[]}");
        api.fetch(new FetchRequest(List.of("default"), 3, "w-1", 1000L));
        FakeHttp.Seen seen = fake.last();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/ojs/v1/workers/fetch");
        assertThat(seen.headers().getFirst("OJS-Version")).isEqualTo("1.0");
        assertThat(seen.headers().getFirst("X-Request-Id")).matches("req_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(seen.headers().getFirst("X-Tenant")).isEqualTo("acme");
        assertThat(seen.headers().getFirst("Content-Type")).startsWith("application/openjobspec+json");
        assertThat(seen.headers().getFirst("Accept")).contains("application/openjobspec+json");
        assertThat(seen.body()).contains("\"worker_id\":\"w-1\"").contains("\"visibility_timeout_ms\":1000");
    }

    @Test
    void heartbeatReadsDirectiveOfEitherShape() {
        fake.answer(200, "{\"state\":\"active\",\"directive\":\"terminate\",\"jobs_extended\":[]}");
        assertThat(api.heartbeat(new HeartbeatRequest("w", List.of("a"), 1000L, "running")).effectiveDirective())
                .isEqualTo(WorkerDirective.TERMINATE);
        assertThat(fake.last().body()).contains("\"active_jobs\":[\"a\"]");
    }

    @Test
    void conflictOnAckIsTyped() {
        fake.answer(new FakeHttp.Answer(409, Map.of("Content-Type", "application/openjobspec+json", "X-Request-Id", "req_h"),
                "{\"error\":{\"code\":\"conflict\",\"message\":\"Job is not active\",\"retryable\":false,\"request_id\":\"req_b\"}}", 0));
        assertThatThrownBy(() -> api.ack(new AckRequest("j", null, null)))
                .isInstanceOfSatisfying(OjsConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.requestId()).isEqualTo("req_b");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        fake.answer(new FakeHttp.Answer(429, Map.of("Retry-After", "7"), "slow down", 0));
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsRateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("http_429");
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void htmlFromAProxyIsUnavailableNotNpe() {
        fake.answer(new FakeHttp.Answer(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>", 0));
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("http_502");
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("Bad gateway");
                });
    }

    @Test
    void garbageSuccessAnswersAreMalformed() {
        for (FakeHttp.Answer garbage : List.of(
                FakeHttp.Answer.json(200, "{\"jobs\":[{\"id\":\"a\",\"attempt\":\"x\"}]}"),
                FakeHttp.Answer.json(200, "{\"jobs\":[{\"id\":\"a\""),
                FakeHttp.Answer.json(200, "{\"unknown\":{\"id\":\"x\",\"deep\":[1,"),
                FakeHttp.Answer.json(200, "not json at all"),
                FakeHttp.Answer.json(200, "[1,2,3]"),
                new FakeHttp.Answer(200, Map.of("Content-Type", "text/html"), "<html>hi</html>", 0))) {
            fake.answer(garbage);
            assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                    .as(garbage.body())
                    .isInstanceOfSatisfying(OjsMalformedResponseException.class,
                            e -> assertThat(e.code()).isEqualTo(OjsErrors.MALFORMED));
        }
        fake.answer(FakeHttp.Answer.json(200, ""));
        assertThatThrownBy(() -> api.ack(new AckRequest("j", null, null)))
                .isInstanceOf(OjsMalformedResponseException.class);
    }

    @Test
    void slowServerTimesOut() {
        fake.answer(new FakeHttp.Answer(200, Map.of("Content-Type", "application/json"), "{\"jobs\":[]}", 3000));
        long start = System.nanoTime();
        assertThatThrownBy(() -> api.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                .isInstanceOfSatisfying(OjsTimeoutException.class, e -> {
                    assertThat(e.code()).isEqualTo(OjsErrors.TIMEOUT);
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void serverDownIsTransport() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OjsWorkerApi down = OjsRestClients.create(OjsWorkerApi.class,
                OjsRestConfig.of(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        try {
            assertThatThrownBy(() -> down.fetch(new FetchRequest(List.of("q"), 1, "w", null)))
                    .isInstanceOfSatisfying(OjsTransportException.class, e -> {
                        assertThat(e.code()).isEqualTo(OjsErrors.TRANSPORT);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.httpStatus()).isZero();
                    })
                    .isInstanceOf(OjsException.class);
        } finally {
            ((Closeable) down).close();
        }
    }
}
