package org.openjobspec.ee.testing.conformance;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openjobspec.ee.testing.EmbeddedOjsServer;
import org.openjobspec.ee.testing.internal.server.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a directory of conformance cases. Without a URL every case gets its own fresh in-process server and
 * cases run in parallel; with a URL they run one after the other against that server. No case is skipped:
 * a file that cannot be read or run is reported as failed with the reason.
 */
public final class ConformanceRunner {

    /** Outcome of one case; {@code reason} is null when it passed. */
    public record CaseResult(String id, String path, String level, String reason, long millis) {
        public boolean passed() {
            return reason == null;
        }

        public String line() {
            return passed() ? "PASS " + id + " " + path : "FAIL " + id + " " + path + ": " + reason;
        }
    }

    private final Path suites;
    private final URI url;
    private final URI resetUrl;
    private final int parallel;

    public ConformanceRunner(Path suites, URI url, URI resetUrl, int parallel) {
        this.suites = suites;
        this.url = url;
        this.resetUrl = resetUrl;
        this.parallel = Math.max(1, parallel);
    }

    /** All *.json case files under the directory, sorted by path. */
    public static List<Path> discover(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString())).toList();
        }
    }

    public List<CaseResult> run(Consumer<CaseResult> onEach) throws IOException, InterruptedException {
        List<Path> files = discover(suites);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<CaseResult> results = new ArrayList<>();
        if (url != null) {
            for (Path f : files) {
                reset(http);
                CaseResult r = runOne(http, f, url);
                onEach.accept(r);
                results.add(r);
            }
            return results;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "ojs-conformance-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    try (EmbeddedOjsServer server = EmbeddedOjsServer.start()) {
                        CaseResult r = runOne(http, f, server.url());
                        synchronized (onEach) {
                            onEach.accept(r);
                        }
                        return r;
                    }
                }));
            }
            for (Future<CaseResult> fu : futures) {
                try {
                    results.add(fu.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("conformance worker failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        results.sort(Comparator.comparing(CaseResult::path));
        return results;
    }

    private void reset(HttpClient http) throws InterruptedException {
        if (resetUrl == null) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(resetUrl).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("reset via " + resetUrl + " failed: " + e.getMessage(), e);
        }
    }

    private CaseResult runOne(HttpClient http, Path file, URI base) {
        String rel = suites.relativize(file).toString().replace('\\', '/');
        long start = System.currentTimeMillis();
        JsonObject doc;
        try {
            JsonValue v = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(v instanceof JsonObject o)) {
                return new CaseResult("?", rel, "?", "case file is not a JSON object", 0);
            }
            doc = o;
        } catch (IOException | RuntimeException e) {
            return new CaseResult("?", rel, "?", "cannot read case file: " + e.getMessage(), 0);
        }
        String id = doc.get("test_id") instanceof JsonString s ? s.getString() : "?";
        String level = doc.get("level") instanceof JsonNumber n ? n.toString()
                : doc.get("level") instanceof JsonString s ? s.getString() : "?";
        String reason = new CaseRunner(http, base).run(doc);
        return new CaseResult(id, rel, level, reason, System.currentTimeMillis() - start);
    }

    /** The per-level table and the final "N passed, M failed" line. */
    public static void summary(List<CaseResult> results, PrintStream out) {
        Map<String, int[]> byLevel = new TreeMap<>();
        int passed = 0;
        for (CaseResult r : results) {
            int[] c = byLevel.computeIfAbsent(r.level(), k -> new int[2]);
            c[1]++;
            if (r.passed()) {
                c[0]++;
                passed++;
            }
        }
        out.println();
        out.println("level  passed/total");
        byLevel.forEach((level, c) -> out.printf("%-6s %d/%d%n", level, c[0], c[1]));
        out.printf("%-6s %d/%d%n", "all", passed, results.size());
        out.println();
        out.println(passed + " passed, " + (results.size() - passed) + " failed");
    }
}
