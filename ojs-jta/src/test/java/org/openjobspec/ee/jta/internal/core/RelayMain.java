package org.openjobspec.ee.jta.internal.core;

import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.jta.testkit.CountingClient;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One application instance's relay in a JVM of its own: {@code RelayMain <jdbc url> <table> <ojs url>}. Prints
 * {@code READY}, starts relaying at the line {@code go}, stops at {@code stop} (or end of input) and prints
 * {@code SENT <jobs created> DUPLICATE <calls answered duplicate> FAILED <other failed calls>}.
 */
public final class RelayMain {

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        OutboxStore store = new OutboxStore(ds, args[1], Dialect.POSTGRESQL, JsonbBuilder.create());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (OjsClient real = OjsClient.builder().url(args[2]).build()) {
            CountingClient client = new CountingClient(real);
            OutboxRelay relay = new OutboxRelay(store, client.client,
                    new OutboxRelay.Settings(100, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ZERO));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            System.out.println("READY");
            String line = in.readLine();
            if ("go".equals(line)) {
                relay.start(thread);
                while (line != null && !line.equals("stop")) {
                    line = in.readLine();
                }
                relay.stop(Duration.ofSeconds(10));
            }
            System.out.println("SENT " + client.jobsSent.get() + " DUPLICATE " + client.duplicates.get() + " FAILED "
                    + client.failures.get());
        } finally {
            thread.shutdownNow();
        }
    }
}
