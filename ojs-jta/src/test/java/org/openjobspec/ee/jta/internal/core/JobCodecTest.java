package org.openjobspec.ee.jta.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.RateLimitPolicy;
import org.openjobspec.ee.RetryPolicy;
import org.openjobspec.ee.UniquePolicy;

/** Every option a row keeps comes back as it was written. */
class JobCodecTest {

    public record Address(String street, int number) {
    }

    private final JobCodec codec = new JobCodec(JsonbBuilder.create());

    @Test
    void everyOptionSurvivesTheRow() {
        Instant at = Instant.parse("2030-01-02T03:04:05.678Z");
        EnqueueOptions options = EnqueueOptions.defaults().queue("mail").priority(-5).timeout(Duration.ofMillis(1500))
                .scheduledAt(at).expiresAt(at.plusSeconds(60)).visibilityTimeout(Duration.ofSeconds(45))
                .schema("urn:ojs:schema:mail.send:v1").tags("a", "b").meta("tenant", "acme")
                .meta("trace", Json.createObjectBuilder().add("n", 1).build())
                .retry(RetryPolicy.attempts(7).initialInterval(Duration.ofSeconds(2)).backoffCoefficient(1.5)
                        .maxInterval(Duration.ofMinutes(3)).jitter(false).nonRetryableErrors("bad.*")
                        .onExhaustion(RetryPolicy.Exhaustion.DISCARD).backoff(RetryPolicy.Backoff.LINEAR))
                .unique(UniquePolicy.by(UniquePolicy.Key.TYPE, UniquePolicy.Key.ARGS).period(Duration.ofMinutes(10))
                        .onConflict(UniquePolicy.OnConflict.IGNORE).states("available"))
                .rateLimit(RateLimitPolicy.key("tenant:42").concurrency(3).rate(100, Duration.ofMinutes(1))
                        .throttle(5, Duration.ofSeconds(1)).onLimit(RateLimitPolicy.OnLimit.RESCHEDULE));

        JobSpec back = codec.decode("id-1", "mail.send", codec.args(JobArgs.of("x", 2, new Address("Main", 3), null)),
                codec.options(options));

        EnqueueOptions o = back.options();
        assertThat(back.type()).isEqualTo("mail.send");
        assertThat(back.args().toString()).isEqualTo("[\"x\",2,{\"number\":3,\"street\":\"Main\"},null]");
        assertThat(o.id()).isEqualTo("id-1");
        assertThat(List.of(o.queue(), o.priority(), o.timeout(), o.scheduledAt(), o.expiresAt(), o.visibilityTimeout(),
                o.schema(), o.tags())).isEqualTo(List.of("mail", -5, Duration.ofMillis(1500), at, at.plusSeconds(60),
                Duration.ofSeconds(45), "urn:ojs:schema:mail.send:v1", List.of("a", "b")));
        assertThat(o.meta().toString()).isEqualTo("{tenant=\"acme\", trace={\"n\":1}}");
        RetryPolicy r = o.retry();
        assertThat(List.of(r.maxAttempts(), r.initialInterval(), r.backoffCoefficient(), r.maxInterval(), r.jitter(),
                r.nonRetryableErrors(), r.onExhaustion(), r.backoff())).isEqualTo(List.of(7, Duration.ofSeconds(2), 1.5,
                Duration.ofMinutes(3), false, List.of("bad.*"), RetryPolicy.Exhaustion.DISCARD,
                RetryPolicy.Backoff.LINEAR));
        UniquePolicy u = o.unique();
        assertThat(List.of(u.keys(), u.period(), u.onConflict(), u.states())).isEqualTo(List.of(
                List.of(UniquePolicy.Key.TYPE, UniquePolicy.Key.ARGS), Duration.ofMinutes(10),
                UniquePolicy.OnConflict.IGNORE, List.of("available")));
        RateLimitPolicy l = o.rateLimit();
        assertThat(List.of(l.key(), l.concurrency(), l.rate(), l.throttle(), l.onLimit())).isEqualTo(List.of("tenant:42",
                3, new RateLimitPolicy.Window(100, Duration.ofMinutes(1)),
                new RateLimitPolicy.Window(5, Duration.ofSeconds(1)), RateLimitPolicy.OnLimit.RESCHEDULE));
    }

    @Test
    void aDelayCountsFromTheWriteNotFromTheRelay() {
        Instant before = Instant.now();
        String row = codec.options(EnqueueOptions.defaults().delay(Duration.ofHours(1)));

        Instant scheduled = codec.decode("id", "a.b", "[]", row).options().scheduledAt();

        assertThat(scheduled).isBetween(before.plus(1, ChronoUnit.HOURS).minusMillis(1),
                Instant.now().plus(1, ChronoUnit.HOURS));
    }

    @Test
    void argsFollowTheClientsRules() {
        assertThat(codec.args(null)).isEqualTo("[]");
        assertThat(codec.args("one")).isEqualTo("[\"one\"]");
        assertThat(codec.args(Json.createArrayBuilder().add(1).add(2).build())).isEqualTo("[1,2]");
        assertThat(codec.args(List.of(1, 2))).isEqualTo("[[1,2]]");
    }

    @Test
    void aRowItDidNotWriteIsRefusedWithTheJobId() {
        assertThatThrownBy(() -> codec.decode("id-9", "a.b", "{\"not\":\"an array\"}", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job id-9");
    }
}
