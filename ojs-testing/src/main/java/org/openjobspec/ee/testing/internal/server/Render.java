package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The JSON the server answers with, kept apart from the rules that decide what happens. */
final class Render {
    private Render() {
    }

    static JsonObject job(StoredJob j) {
        JsonObjectBuilder b = Json.obj()
                .add("id", j.id)
                .add("type", j.type)
                .add("state", j.state.wire())
                .add("queue", j.queue)
                .add("args", j.args);
        if (j.meta != null) {
            b.add("meta", j.meta);
        }
        if (j.priority != null) {
            b.add("priority", j.priority);
        }
        b.add("attempt", j.attempt).add("max_attempts", j.retry.maxAttempts());
        if (j.timeoutMs != null) {
            b.add("timeout_ms", j.timeoutMs);
        }
        if (j.workerId != null) {
            b.add("worker_id", j.workerId);
        }
        b.add("created_at", Times.format(j.createdAt)).add("enqueued_at", Times.format(j.enqueuedAt));
        if (j.scheduledAt != null) {
            b.add("scheduled_at", j.scheduledAtText != null && !j.scheduledAtText.startsWith("+")
                    ? j.scheduledAtText : Times.format(j.scheduledAt));
        }
        if (j.startedAt != null) {
            b.add("started_at", Times.format(j.startedAt));
        }
        if (j.completedAt != null) {
            b.add("completed_at", Times.format(j.completedAt));
        }
        if (j.cancelledAt != null) {
            b.add("cancelled_at", Times.format(j.cancelledAt));
        }
        if (j.discardedAt != null) {
            b.add("discarded_at", Times.format(j.discardedAt));
        }
        if (j.expiresAt != null) {
            b.add("expires_at", j.expiresAtText != null && !j.expiresAtText.startsWith("+") ? j.expiresAtText
                    : Times.format(j.expiresAt));
        }
        if (j.progress != null) {
            b.add("progress", j.progress);
            if (j.progressMessage != null) {
                b.add("progress_message", j.progressMessage);
            }
        }
        if (j.result != null) {
            b.add("result", j.result);
        }
        if (j.error != null) {
            b.add("error", j.error);
        }
        if (!j.errors.isEmpty()) {
            JsonArrayBuilder eb = Json.arr();
            j.errors.forEach(eb::add);
            b.add("errors", eb);
        }
        if (j.tags != null) {
            b.add("tags", j.tags);
        }
        if (j.retryJson != null) {
            b.add("retry", j.retryJson);
        }
        if (j.uniqueJson != null) {
            b.add("unique", j.uniqueJson);
        }
        if (j.rateLimit != null) {
            b.add("rate_limit", j.rateLimit);
        }
        if (j.schema != null) {
            b.add("schema", j.schema);
        }
        if (j.retryDelayMs != null) {
            b.add("retry_delay_ms", j.retryDelayMs);
        }
        if (j.parentResults != null) {
            b.add("parent_results", j.parentResults);
        }
        for (Map.Entry<String, JsonValue> e : j.extra.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }

    static JsonObject wrappedJob(StoredJob j) {
        return Json.obj().add("job", job(j)).build();
    }

    static JsonObject fetched(List<StoredJob> jobs) {
        JsonArrayBuilder out = Json.arr();
        JsonObject first = null;
        for (StoredJob j : jobs) {
            JsonObject json = job(j);
            if (first == null) {
                first = json;
            }
            out.add(json);
        }
        JsonObjectBuilder b = Json.obj().add("jobs", out);
        if (first != null) {
            b.add("job", first);
        }
        return b.build();
    }

    /**
     * A job's progress (progress extension): 0 until one is reported. {@code applied} says whether the report just
     * made was taken (null when answering a GET).
     */
    static JsonObject progress(StoredJob j, Boolean applied) {
        JsonObjectBuilder b = Json.obj().add("job_id", j.id).add("state", j.state.wire())
                .add("progress", j.progress == null ? 0.0 : j.progress);
        if (j.progressMessage != null) {
            b.add("message", j.progressMessage);
        }
        if (j.progressData != null) {
            b.add("data", j.progressData);
        }
        if (j.progressAt != null) {
            b.add("updated_at", Times.format(j.progressAt));
        }
        if (applied != null) {
            b.add("applied", applied);
        }
        return b.build();
    }

    static JsonObject acked(StoredJob j) {
        return Json.obj().add("acknowledged", true).add("id", j.id).add("job_id", j.id).add("state", "completed")
                .add("completed_at", Times.format(j.completedAt)).add("job", job(j)).build();
    }

    /** Answer to a FAIL: released back to the queue, scheduled for a retry, or discarded. */
    static JsonObject failed(StoredJob j) {
        JsonObjectBuilder b = Json.obj().add("id", j.id).add("job_id", j.id);
        switch (j.state) {
            case AVAILABLE -> b.add("state", "available").add("attempt", j.attempt)
                    .add("max_attempts", j.retry.maxAttempts());
            case RETRYABLE -> b.add("state", "retryable").add("attempt", j.attempt)
                    .add("max_attempts", j.retry.maxAttempts()).add("next_attempt_at", Times.format(j.dueAt))
                    .add("retry_delay_ms", j.retryDelayMs);
            default -> b.add("state", "discarded").add("attempt", j.attempt).add("max_attempts", j.retry.maxAttempts())
                    .add("discarded_at", Times.format(j.discardedAt)).add("completed_at", Times.format(j.completedAt));
        }
        return b.add("job", job(j)).build();
    }

    static JsonObject batch(List<JsonObject> jobs) {
        JsonArrayBuilder out = Json.arr();
        jobs.forEach(out::add);
        return Json.obj().add("jobs", out).add("count", jobs.size()).build();
    }

    static JsonObject deadLetterPage(List<StoredJob> matching, int limit, int offset) {
        JsonArrayBuilder arr = Json.arr();
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            arr.add(job(matching.get(i)));
        }
        return Json.obj().add("jobs", arr).add("pagination", Json.obj().add("total", matching.size())
                .add("limit", limit).add("offset", offset).add("has_more", offset + limit < matching.size()))
                .build();
    }

    /** A page of the queues in name order; {@code limit} null lists them all (as the reference server does). */
    static JsonObject queues(Collection<ServerQueue> queues, Integer limit, int offset) {
        int size = queues.size();
        int pageSize = limit == null ? size : limit;
        JsonArrayBuilder arr = Json.arr();
        queues.stream().skip(offset).limit(pageSize).forEach(q -> arr.add(Json.obj().add("name", q.name)
                .add("status", q.paused ? "paused" : "active").add("created_at", Times.format(q.createdAt))));
        return Json.obj().add("queues", arr).add("pagination", Json.obj().add("total", size)
                .add("limit", limit == null ? Math.max(50, size) : limit).add("offset", offset)
                .add("has_more", (long) offset + pageSize < size)).build();
    }

    static JsonObject queueStats(String name, ServerQueue q, long deadLettered, long now) {
        JsonObjectBuilder b = Json.obj().add("name", name);
        for (JobState s : JobState.values()) {
            if (s != JobState.COMPLETED) {
                b.add(s.wire(), q == null ? 0 : q.count(s));
            }
        }
        b.add("completed", q == null ? 0 : q.completedTotal).add("dead_letter", deadLettered)
                .add("paused", q != null && q.paused).add("status", q != null && q.paused ? "paused" : "active");
        return Json.obj().add("queue", b).add("computed_at", Times.format(now)).build();
    }

    static JsonObject paused(String name, boolean paused) {
        return Json.obj().add("queue", Json.obj().add("name", name).add("paused", paused)
                .add("status", paused ? "paused" : "active")).build();
    }

    static JsonObject cron(CronEntry c) {
        JsonObjectBuilder b = Json.obj().add("name", c.name).add("expression", c.expressionText)
                .add("timezone", c.timezone).add("overlap_policy", c.overlapPolicy).add("enabled", true)
                .add("job_template", c.jobTemplate).add("created_at", Times.format(c.createdAt))
                .add("next_run_at", Times.format(c.nextRunAt));
        if (c.lastRunAt != null) {
            b.add("last_run_at", Times.format(c.lastRunAt));
        }
        if (c.lastJobId != null) {
            b.add("last_job_id", c.lastJobId);
        }
        return b.build();
    }

    static JsonObject crons(Collection<CronEntry> crons) {
        JsonArrayBuilder arr = Json.arr();
        crons.forEach(c -> arr.add(cron(c)));
        return Json.obj().add("crons", arr).build();
    }

    static JsonObject workflow(Workflow w) {
        JsonObjectBuilder b = Json.obj().add("id", w.id);
        if (w.name != null) {
            b.add("name", w.name);
        }
        b.add("type", w.type).add("state", w.state);
        if (w.type.equals("chain")) {
            b.add("steps_total", w.jobIds.length).add("steps_completed", w.completed);
        } else {
            b.add("jobs_total", w.jobIds.length).add("jobs_completed", w.completed).add("jobs_failed", w.failed);
        }
        if (w.callbacksJson != null) {
            b.add("callbacks", w.callbacksJson);
        }
        JsonArrayBuilder ids = Json.arr();
        for (String j : w.jobIds) {
            if (j != null) {
                ids.add(j);
            }
        }
        b.add("job_ids", ids);
        if (!w.callbackJobIds.isEmpty()) {
            JsonObjectBuilder cb = Json.obj();
            w.callbackJobIds.forEach(cb::add);
            b.add("callback_job_ids", cb);
        }
        b.add("created_at", Times.format(w.createdAt));
        if (w.completedAt != null) {
            b.add("completed_at", Times.format(w.completedAt));
        }
        return b.build();
    }

    static JsonObject wrappedWorkflow(Workflow w) {
        return Json.obj().add("workflow", workflow(w)).build();
    }

    static JsonObject worker(Workers.Worker w, int activeJobs) {
        JsonObjectBuilder b = Json.obj().add("id", w.id).add("state", w.reportedState).add("directive", w.directive)
                .add("active_jobs", activeJobs).add("last_heartbeat", Times.format(w.lastSeen));
        w.identity.forEach(b::add);
        return b.build();
    }

    static JsonObject workers(Collection<Workers.Worker> workers, ToIntFunction<String> activeJobs, long now) {
        JsonArrayBuilder arr = Json.arr();
        int running = 0;
        int quiet = 0;
        int stale = 0;
        for (Workers.Worker w : workers) {
            arr.add(worker(w, activeJobs.applyAsInt(w.id)));
            if (now - w.lastSeen > Workers.STALE_MS) {
                stale++;
            } else if (w.directive.equals("continue") && "running".equals(w.reportedState)) {
                running++;
            } else {
                quiet++;
            }
        }
        return Json.obj().add("workers", arr).add("summary", Json.obj().add("total", workers.size())
                .add("running", running).add("quiet", quiet).add("stale", stale)).build();
    }

    static JsonObject heartbeat(Workers.Beat beat, long now) {
        return Json.obj().add("state", beat.directive().equals("continue") ? "running" : beat.directive())
                .add("directive", beat.directive()).add("jobs_extended", Json.arrOf(beat.extended()))
                .add("server_time", Times.format(now)).build();
    }

    static JsonObject event(EventLog.Event e) {
        JsonObjectBuilder b = Json.obj().add("specversion", "1.0").add("id", e.id()).add("type", e.type())
                .add("source", "ojs://ojs-ee-embedded/server").add("time", Times.format(e.time()));
        if (e.jobId() != null) {
            b.add("subject", e.jobId());
        }
        return b.add("datacontenttype", "application/json").add("data", e.data()).build();
    }

    static JsonObject events(EventLog.Page page) {
        JsonArrayBuilder arr = Json.arr();
        page.events().forEach(e -> arr.add(event(e)));
        JsonObjectBuilder b = Json.obj().add("events", arr).add("has_more", page.more());
        if (page.cursor() != null) {
            b.add("cursor", page.cursor());
        } else {
            b.addNull("cursor");
        }
        return b.build();
    }

    /** One SSE frame of ojs-events' job.progress. */
    static String progressFrame(StoredJob j, long frameSeq, long now) {
        JsonObjectBuilder data = Json.obj().add("event", "job.progress").add("job_id", j.id).add("queue", j.queue)
                .add("type", j.type).add("progress", j.progress);
        if (j.progressMessage != null) {
            data.add("message", j.progressMessage);
        }
        return "id: evt_" + String.format("%04d", frameSeq) + "\nevent: job.progress\ndata: "
                + Json.write(data.add("timestamp", Times.format(now)).build()) + "\n\n";
    }

    /** One SSE frame of ojs-events' job.state_changed. */
    static String stateFrame(StoredJob j, JobState from, JobState to, long frameSeq, long now) {
        JsonObject data = Json.obj().add("event", "job.state_changed").add("job_id", j.id).add("queue", j.queue)
                .add("type", j.type).add("from", from == null ? "" : from.wire()).add("to", to.wire())
                .add("timestamp", Times.format(now)).build();
        return "id: evt_" + String.format("%04d", frameSeq) + "\nevent: job.state_changed\ndata: "
                + Json.write(data) + "\n\n";
    }
}
