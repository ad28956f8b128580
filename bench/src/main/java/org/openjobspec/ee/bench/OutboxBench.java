package org.openjobspec.ee.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.JobArgs;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.jta.internal.core.Dialect;
import org.openjobspec.ee.jta.internal.core.OutboxRelay;
import org.openjobspec.ee.jta.internal.core.OutboxStore;
import org.openjobspec.ee.rest.Uuid7;

/**
 * {@code outbox.relay_throughput}: committed outbox rows on a real PostgreSQL (embedded, loopback, through an Agroal
 * pool as a container's datasource would be) to jobs on the
 * server, batches of 100, against plain {@link OjsClient#enqueueBatch} of the same jobs in batches of 100 from one
 * thread (what the relay does, minus the database). {@code outbox.commit_to_enqueued_p50/_p99}: an idle relay (poll
 * 1 s, the default); a row is committed, the relay is woken as the transaction's synchronization wakes it, and the
 * time runs until the server answers a GET of the job; baseline: the same measure for {@link OjsClient#enqueue}
 * called directly, so the ratio is what the outbox adds.
 */
final class OutboxBench {

    static final int JOBS = Integer.getInteger("bench.outbox.jobs", 10_000);
    static final int BATCH = 100;
    static final int SAMPLES = Integer.getInteger("bench.outbox.samples", 100);
    static final String QUEUE = "outbox";
    static final String TABLE = "ojs_outbox";

    private OutboxBench() {
    }

    static void run() throws Exception {
        ExecutorService relayThread = Executors.newSingleThreadExecutor();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
             ChildProcess server = ChildProcess.ojsServer();
             OjsClient client = OjsClient.builder().url(server.url()).build();
             Jsonb jsonb = JsonbBuilder.create();
             AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                     .connectionPoolConfiguration(pool -> pool.maxSize(4)
                             .connectionFactoryConfiguration(cf -> cf.jdbcUrl(pg.getJdbcUrl("postgres", "postgres"))
                                     .principal(new NamePrincipal("postgres"))
                                     .credential(new SimplePassword("postgres")))))) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (String ddl : Dialect.POSTGRESQL.ddl(TABLE)) {
                    s.execute(ddl);
                }
            }
            OutboxStore store = new OutboxStore(ds, TABLE, Dialect.POSTGRESQL, jsonb);
            RawOjs raw = new RawOjs(server.url());
            throughput(store, client, raw, relayThread);
            latency(store, client, raw, relayThread);
        } finally {
            relayThread.shutdownNow();
        }
    }

    private static void throughput(OutboxStore store, OjsClient client, RawOjs raw, ExecutorService relayThread)
            throws Exception {
        // the client's stack and the JDBC driver need long JIT warm-up (as in EnqueueBench); a round is about a second
        int warmups = Integer.getInteger("bench.outbox.warmups", 5);
        double[] relayRates = new double[Figures.rounds()];
        double[] batchRates = new double[Figures.rounds()];
        for (int r = 0; r < warmups + Figures.rounds(); r++) {
            List<JobSpec> jobs = jobs(JOBS);
            // alternate who goes first: the server keeps warming up across rounds
            boolean relayFirst = r % 2 == 0;
            double relay = relayFirst ? relayRate(store, client, raw, relayThread, jobs) : 0;
            double batch = batchRate(client, raw, jobs);
            if (!relayFirst) {
                relay = relayRate(store, client, raw, relayThread, jobs);
            }
            boolean warm = r < warmups;
            Figures.progress("outbox %s %d: relay %.0f jobs/s, plain batch enqueue %.0f jobs/s",
                    warm ? "warm-up" : "round", warm ? r + 1 : r - warmups + 1, relay, batch);
            if (!warm) {
                relayRates[r - warmups] = relay;
                batchRates[r - warmups] = batch;
            }
        }
        Figures.print("outbox.relay_throughput", relayRates, "jobs/s", batchRates);
    }

    /** Rows committed first (untimed), then the relay starts: jobs/s until the server holds them all. */
    private static double relayRate(OutboxStore store, OjsClient client, RawOjs raw, ExecutorService relayThread,
                                    List<JobSpec> jobs) throws Exception {
        raw.reset();
        for (int i = 0; i < jobs.size(); i += 1000) {
            store.insert(jobs.subList(i, Math.min(jobs.size(), i + 1000)));
        }
        Semaphore sent = new Semaphore(0);
        OutboxRelay relay = new OutboxRelay(store, countingBatches(client, sent),
                new OutboxRelay.Settings(BATCH, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO));
        long t0 = System.nanoTime();
        relay.start(relayThread);
        // told by the relay's own client, not by polling the server, which would load it while the relay runs
        if (!sent.tryAcquire(jobs.size(), 5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the relay sent " + sent.availablePermits() + " of " + jobs.size());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        relay.stop(Duration.ofSeconds(10));
        expectOnServer(raw, jobs.size());
        if (store.count("pending") != 0) {
            throw new IllegalStateException("rows left pending after all jobs reached the server");
        }
        return jobs.size() / seconds;
    }

    /** {@code client}, releasing a permit of {@code sent} per job of each batch the server took. */
    private static OjsClient countingBatches(OjsClient client, Semaphore sent) {
        return (OjsClient) Proxy.newProxyInstance(OjsClient.class.getClassLoader(), new Class<?>[] {OjsClient.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("enqueueBatch") && result instanceof List<?> created) {
                        sent.release(created.size());
                    }
                    return result;
                });
    }

    private static double batchRate(OjsClient client, RawOjs raw, List<JobSpec> jobs) {
        raw.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < jobs.size(); i += BATCH) {
            client.enqueueBatch(jobs.subList(i, Math.min(jobs.size(), i + BATCH)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        expectOnServer(raw, jobs.size());
        return jobs.size() / seconds;
    }

    private static void expectOnServer(RawOjs raw, long n) {
        long stored = raw.queueCount(QUEUE, "available");
        if (stored != n) {
            throw new IllegalStateException("expected " + n + " jobs on the server, found " + stored);
        }
    }

    private static void latency(OutboxStore store, OjsClient client, RawOjs raw, ExecutorService relayThread)
            throws Exception {
        raw.reset();
        OutboxRelay relay = new OutboxRelay(store, client,
                new OutboxRelay.Settings(BATCH, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO));
        relay.start(relayThread);
        Random pauses = new Random(42);
        int warm = 20;
        double[] outbox = new double[SAMPLES];
        double[] direct = new double[SAMPLES];
        try {
            for (int i = 0; i < warm + SAMPLES; i++) {
                // idle between samples, as a relay between two commits is: never more than its poll interval
                LockSupport.parkNanos(Duration.ofMillis(20 + pauses.nextInt(80)).toNanos());
                JobSpec job = jobs(1).get(0);
                long t0 = System.nanoTime();
                store.insert(List.of(job)); // autocommit: the commit
                relay.wake(); // what the transaction's synchronization does after a commit that wrote rows
                double viaOutbox = untilOnServer(raw, job, t0);

                JobSpec other = jobs(1).get(0);
                long t1 = System.nanoTime();
                client.enqueue(other);
                double viaClient = untilOnServer(raw, other, t1);
                if (i >= warm) {
                    outbox[i - warm] = viaOutbox;
                    direct[i - warm] = viaClient;
                }
            }
        } finally {
            relay.stop(Duration.ofSeconds(10));
        }
        Figures.progress("outbox latency over %d samples: p50 %.2f ms, p99 %.2f ms (direct enqueue p50 %.2f ms)",
                SAMPLES, percentile(outbox, 50), percentile(outbox, 99), percentile(direct, 50));
        Figures.printLine("outbox.commit_to_enqueued_p50", percentile(outbox, 50), "ms", percentile(direct, 50),
                outbox, direct);
        Figures.printLine("outbox.commit_to_enqueued_p99", percentile(outbox, 99), "ms", percentile(direct, 99),
                outbox, direct);
    }

    /** Milliseconds from {@code t0} until a GET of the job answers 200 (polled back to back). */
    private static double untilOnServer(RawOjs raw, JobSpec job, long t0) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(raw.base.resolve("/ojs/v1/jobs/" + job.options().id()))
                .timeout(Duration.ofSeconds(30)).header("Accept", RawOjs.CONTENT_TYPE).GET().build();
        long deadline = t0 + Duration.ofSeconds(30).toNanos();
        while (raw.http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("job " + job.options().id() + " not on the server after 30 s");
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static List<JobSpec> jobs(int n) {
        List<JobSpec> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(JobSpec.of("order.ship", JobArgs.of("order-" + i, i),
                    EnqueueOptions.defaults().id(Uuid7.next()).queue(QUEUE)));
        }
        return jobs;
    }
}
