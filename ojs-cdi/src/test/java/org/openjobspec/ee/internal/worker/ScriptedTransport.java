package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An OJS server as a script: jobs to hand out, failures to answer with, and a record of every call it got. */
final class ScriptedTransport implements WorkerTransport {

    record Fetch(long at, int count, int delivered) {
    }

    /** One ack or nack attempt; {@code failed} when the script made it throw. */
    record Settle(long at, String jobId, String kind, boolean requeue, Failure failure, boolean failed) {
    }

    record Beat(long at, List<String> jobIds, String state) {
    }

    /** One progress report that reached the transport; {@code failed} when the script made it throw. */
    record Report(long at, String jobId, double fraction, String message, boolean failed) {
    }

    private final Clock clock;
    final Queue<WorkerJob> ready = new ConcurrentLinkedQueue<>();
    /** Answers the next ack/nack attempts, in order, with these failures. */
    final Queue<TransportException> settleFailures = new ConcurrentLinkedQueue<>();
    volatile TransportException fetchFailure; // every fetch throws it while set
    volatile TransportException heartbeatFailure; // every heartbeat throws it while set
    volatile boolean overDeliver;
    /** While set, every fetch counts it down on entry and then hangs until the test opens {@code fetchGate}. */
    volatile CountDownLatch fetchEntered;
    final CountDownLatch fetchGate = new CountDownLatch(1);
    volatile Function<List<String>, HeartbeatReply> heartbeatReply = ids -> new HeartbeatReply("continue", Set.copyOf(ids));

    final List<Fetch> fetches = new CopyOnWriteArrayList<>();
    final List<Settle> settles = new CopyOnWriteArrayList<>();
    final List<Beat> beats = new CopyOnWriteArrayList<>();
    final List<Report> reports = new CopyOnWriteArrayList<>();
    volatile TransportException progressFailure; // every progress report throws it while set

    ScriptedTransport(Clock clock) {
        this.clock = clock;
    }

    static TransportException unavailable(Duration retryAfter) {
        return new TransportException(TransportException.Kind.UNAVAILABLE, "503 scripted", retryAfter, null);
    }

    @Override
    public List<WorkerJob> fetch(List<String> queues, int count, String workerId, long visibilityTimeoutMs)
            throws TransportException {
        CountDownLatch entered = fetchEntered;
        if (entered != null) {
            entered.countDown();
            try {
                fetchGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(TransportException.Kind.UNAVAILABLE, "interrupted", null, e);
            }
        }
        TransportException down = fetchFailure;
        if (down != null) {
            fetches.add(new Fetch(clock.nanoTime(), count, -1));
            throw down;
        }
        List<WorkerJob> out = new ArrayList<>();
        for (WorkerJob j; (overDeliver || out.size() < count) && (j = ready.poll()) != null; ) {
            out.add(j);
        }
        fetches.add(new Fetch(clock.nanoTime(), count, out.size()));
        return out;
    }

    @Override
    public void ack(String jobId, JsonValue result) throws TransportException {
        settle(jobId, "ack", false, null);
    }

    @Override
    public void nack(String jobId, Failure failure, boolean requeue) throws TransportException {
        settle(jobId, "nack", requeue, failure);
    }

    private void settle(String jobId, String kind, boolean requeue, Failure failure) throws TransportException {
        TransportException e = settleFailures.poll();
        settles.add(new Settle(clock.nanoTime(), jobId, kind, requeue, failure, e != null));
        if (e != null) {
            throw e;
        }
    }

    @Override
    public HeartbeatReply heartbeat(String workerId, Collection<String> activeJobIds, long visibilityTimeoutMs,
                                    String state) throws TransportException {
        List<String> ids = List.copyOf(activeJobIds);
        beats.add(new Beat(clock.nanoTime(), ids, state));
        TransportException down = heartbeatFailure;
        if (down != null) {
            throw down;
        }
        return heartbeatReply.apply(ids);
    }

    @Override
    public void progress(String jobId, double fraction, String message) throws TransportException {
        TransportException e = progressFailure;
        reports.add(new Report(clock.nanoTime(), jobId, fraction, message, e != null));
        if (e != null) {
            throw e;
        }
    }

    /** The ack/nack attempts that reached the server for {@code jobId}. */
    List<Settle> settled(String jobId) {
        return settles.stream().filter(s -> s.jobId().equals(jobId) && !s.failed()).toList();
    }

    int fetchedJobs() {
        return fetches.stream().mapToInt(f -> Math.max(f.delivered(), 0)).sum();
    }
}
