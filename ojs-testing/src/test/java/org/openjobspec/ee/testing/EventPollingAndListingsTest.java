package org.openjobspec.ee.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.openjobspec.ee.testing.internal.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Event polling (ojs-events §6.4), queue listing pages and the rate-limiting extension's enqueue option. */
class EventPollingAndListingsTest {
    private EmbeddedOjsServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = EmbeddedOjsServer.start();
        http = new TestHttp(server.url());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static List<String> ids(TestHttp.Reply r) {
        return r.body().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("id")).toList();
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatingOrSkipping() {
        for (int i = 0; i < 5; i++) {
            http.enqueue("pages");
        }
        TestHttp.Reply first = http.get("/ojs/v1/events?types=job.enqueued&limit=3");
        assertThat(ids(first)).hasSize(3);
        assertThat(first.body().getBoolean("has_more")).isTrue();
        TestHttp.Reply second = http.get("/ojs/v1/events?types=job.enqueued&limit=3&after="
                + first.body().getString("cursor"));
        assertThat(ids(second)).hasSize(2).doesNotContainAnyElementsOf(ids(first));
        assertThat(second.body().getBoolean("has_more")).isFalse();
        TestHttp.Reply nothingNew = http.get("/ojs/v1/events?types=job.enqueued&after="
                + second.body().getString("cursor"));
        assertThat(ids(nothingNew)).isEmpty();
        assertThat(nothingNew.body().getString("cursor")).isEqualTo(second.body().getString("cursor"));
    }

    @Test
    void theCursorMovesPastEventsTheFiltersSkip() {
        http.enqueue("other");
        http.enqueue("other");
        TestHttp.Reply none = http.get("/ojs/v1/events?queues=wanted");
        assertThat(ids(none)).isEmpty();
        String allSoFar = ids(http.get("/ojs/v1/events")).get(1);
        assertThat(none.body().getString("cursor")).as("the newest event considered").isEqualTo(allSoFar);
        String wanted = http.enqueue("wanted");
        TestHttp.Reply next = http.get("/ojs/v1/events?queues=wanted&after=" + none.body().getString("cursor"));
        assertThat(next.body().getJsonArray("events").getValuesAs(JsonObject.class))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("type")).isEqualTo("job.enqueued");
                    assertThat(e.getJsonObject("data").getString("job_id")).isEqualTo(wanted);
                    assertThat(e.getJsonObject("data").getString("queue")).isEqualTo("wanted");
                });
    }

    @Test
    void anUnknownCursorStartsAtTheOldestEventKept() {
        http.enqueue("reset");
        String before = http.get("/ojs/v1/events").body().getString("cursor");
        server.reset();
        String after = http.enqueue("reset");
        TestHttp.Reply r = http.get("/ojs/v1/events?after=" + before);
        assertThat(r.body().getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getJsonObject("data").getString("job_id")).containsOnly(after);
    }

    @Test
    void queueListingPagesInNameOrderAndListsAllWithoutALimit() {
        for (String q : List.of("q-c", "q-a", "q-e", "q-b", "q-d")) {
            http.enqueue(q);
        }
        TestHttp.Reply all = http.get("/ojs/v1/queues");
        assertThat(all.body().getJsonArray("queues")).hasSize(5);
        assertThat(all.body().getJsonObject("pagination").getBoolean("has_more")).isFalse();
        TestHttp.Reply page = http.get("/ojs/v1/queues?limit=2&offset=2");
        assertThat(page.body().getJsonArray("queues").getValuesAs(JsonObject.class))
                .extracting(q -> q.getString("name")).containsExactly("q-c", "q-d");
        JsonObject pagination = page.body().getJsonObject("pagination");
        assertThat(pagination.getInt("total")).isEqualTo(5);
        assertThat(pagination.getInt("limit")).isEqualTo(2);
        assertThat(pagination.getInt("offset")).isEqualTo(2);
        assertThat(pagination.getBoolean("has_more")).isTrue();
        assertThat(http.get("/ojs/v1/queues?limit=2&offset=4").body().getJsonObject("pagination")
                .getBoolean("has_more")).isFalse();
    }

    @Test
    void theRateLimitOptionIsCheckedAndShownOnTheJob() {
        String limit = "{\"key\":\"tenant:42\",\"concurrency\":2,\"rate\":{\"limit\":100,\"period\":\"PT1M\"},"
                + "\"throttle\":{\"limit\":5,\"period\":\"PT1S\"},\"on_limit\":\"reschedule\"}";
        TestHttp.Reply created = http.post("/ojs/v1/jobs",
                "{\"type\":\"t.limited\",\"args\":[],\"options\":{\"rate_limit\":" + limit + "}}");
        assertThat(created.status()).isEqualTo(201);
        JsonObject shown = http.get("/ojs/v1/jobs/" + created.job().getString("id")).job().getJsonObject("rate_limit");
        assertThat(shown.getString("key")).isEqualTo("tenant:42");
        assertThat(shown.getInt("concurrency")).isEqualTo(2);
        assertThat(shown.getJsonObject("rate").getString("period")).isEqualTo("PT1M");
        assertThat(shown.getString("on_limit")).isEqualTo("reschedule");

        for (String bad : List.of("{\"key\":\"-starts-with-dash\"}", "{\"concurrency\":1}",
                "{\"key\":\"k\",\"concurrency\":0}", "{\"key\":\"k\",\"rate\":{\"limit\":1,\"period\":\"soon\"}}",
                "{\"key\":\"k\",\"on_limit\":\"explode\"}", "[]")) {
            TestHttp.Reply refused = http.post("/ojs/v1/jobs",
                    "{\"type\":\"t.limited\",\"args\":[],\"options\":{\"rate_limit\":" + bad + "}}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(((JsonString) refused.body().getJsonObject("error").get("message")).getString())
                    .as(bad).startsWith(Messages.SRV_0116 + ": ");
        }
        assertThat(http.post("/ojs/v1/jobs", "{\"type\":\"t.limited\",\"args\":[],\"options\":{\"queue\":\"slow\","
                + "\"rate_limit\":{\"max_per_second\":1}}}").status()).as("the reference server's shape").isEqualTo(201);
    }

    @Test
    void jobsOverTheirKeysConcurrencyWaitWhileOthersGoAhead() {
        String limited = "{\"type\":\"t.limited\",\"args\":[],\"options\":{\"queue\":\"lim\","
                + "\"rate_limit\":{\"key\":\"smtp\",\"concurrency\":1}}}";
        String first = http.post("/ojs/v1/jobs", limited).job().getString("id");
        String second = http.post("/ojs/v1/jobs", limited).job().getString("id");
        String free = http.enqueue("lim");
        String fetch = "{\"queues\":[\"lim\"],\"count\":5,\"worker_id\":\"w\"}";
        assertThat(fetchedIds(http.post("/ojs/v1/workers/fetch", fetch))).containsExactly(first, free);
        assertThat(fetchedIds(http.post("/ojs/v1/workers/fetch", fetch))).as("smtp's one slot is taken").isEmpty();
        assertThat(http.post("/ojs/v1/workers/ack", "{\"job_id\":\"" + first + "\",\"worker_id\":\"w\"}").status())
                .isEqualTo(200);
        assertThat(fetchedIds(http.post("/ojs/v1/workers/fetch", fetch))).containsExactly(second);
    }

    private static List<String> fetchedIds(TestHttp.Reply r) {
        assertThat(r.status()).isEqualTo(200);
        return r.body().getJsonArray("jobs").getValuesAs(JsonObject.class).stream().map(j -> j.getString("id")).toList();
    }
}
