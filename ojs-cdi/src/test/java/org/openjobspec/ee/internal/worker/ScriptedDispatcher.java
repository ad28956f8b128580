package org.openjobspec.ee.internal.worker;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjobspec.ee.JobContext;

/**
 * Handlers as a script. By default a handler is asynchronous and stays running until the test completes or fails
 * its job; a type can be given a handler of its own instead.
 */
final class ScriptedDispatcher implements JobDispatcher {

    interface Handler {
        CompletionStage<JsonValue> run(WorkerJob job, JobContext context) throws Exception;
    }

    private final Set<String> types;
    private final Map<String, Handler> custom = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonValue>> running = new ConcurrentHashMap<>();
    final Map<String, JobContext> contexts = new ConcurrentHashMap<>();
    final List<String> dispatched = new CopyOnWriteArrayList<>();

    ScriptedDispatcher(String... types) {
        this.types = Set.of(types);
    }

    ScriptedDispatcher with(String type, Handler handler) {
        custom.put(type, handler);
        return this;
    }

    @Override
    public boolean handles(String jobType) {
        return types.contains(jobType) || custom.containsKey(jobType);
    }

    @Override
    public CompletionStage<JsonValue> dispatch(WorkerJob job, JobContext context) throws Exception {
        dispatched.add(job.id());
        contexts.put(job.id(), context);
        Handler h = custom.get(job.type());
        if (h != null) {
            return h.run(job, context);
        }
        CompletableFuture<JsonValue> f = new CompletableFuture<>();
        running.put(job.id(), f);
        return f;
    }

    void complete(String jobId) {
        runningJob(jobId).complete(JsonValue.TRUE);
    }

    void fail(String jobId, Exception e) {
        runningJob(jobId).completeExceptionally(e);
    }

    private CompletableFuture<JsonValue> runningJob(String jobId) {
        CompletableFuture<JsonValue> f = running.get(jobId);
        if (f == null) {
            throw new AssertionError("job " + jobId + " is not running; dispatched: " + dispatched);
        }
        return f;
    }
}
