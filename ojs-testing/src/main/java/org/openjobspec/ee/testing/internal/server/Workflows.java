package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chains, groups and batches with callbacks (ojs-workflows.md). Guarded by the {@link ServerState} monitor. */
final class Workflows {
    private final Map<String, Workflow> workflows = new HashMap<>();
    private final JobLifecycle jobs;
    private final EventLog events;

    Workflows(JobLifecycle jobs, EventLog events) {
        this.jobs = jobs;
        this.events = events;
    }

    Workflow create(JsonObject body, long now) {
        String type = Json.stringOrNull(body, "type");
        if (type == null || !List.of("chain", "group", "batch").contains(type)) {
            throw ApiException.invalid(Messages.SRV_0601, "The 'type' field is required (chain, group, or batch).",
                    "Send {\"type\":\"chain\",\"steps\":[...]} or {\"type\":\"group\",\"jobs\":[...]}.", "type");
        }
        String key = type.equals("chain") ? "steps" : "jobs";
        JsonValue members = body.containsKey(key) ? body.get(key) : body.get(type.equals("chain") ? "jobs" : "steps");
        if (!(members instanceof JsonArray arr) || arr.isEmpty()) {
            throw ApiException.invalid(Messages.SRV_0602, "A " + type + " needs a non-empty '" + key + "' array.",
                    "List the jobs as [{\"type\":\"...\",\"args\":[...]}].", key);
        }
        List<JsonObject> bodies = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            PushRequest.parse(arr.get(i), now, key + "[" + i + "]: ");
            bodies.add(arr.getJsonObject(i));
        }
        Map<String, JsonObject> callbacks = new LinkedHashMap<>();
        JsonObject callbacksJson = null;
        if (body.containsKey("callbacks") && !Json.isNull(body.get("callbacks"))) {
            if (!(body.get("callbacks") instanceof JsonObject cbs)) {
                throw ApiException.invalid(Messages.SRV_0603, "'callbacks' must be an object.",
                        "Send {\"on_complete\":{...},\"on_success\":{...},\"on_failure\":{...}}.", "callbacks");
            }
            for (String name : List.of("on_complete", "on_success", "on_failure")) {
                if (cbs.containsKey(name) && !Json.isNull(cbs.get(name))) {
                    PushRequest.parse(cbs.get(name), now, "callbacks." + name + ": ");
                    callbacks.put(name, cbs.getJsonObject(name));
                }
            }
            callbacksJson = cbs;
        }
        String name = Json.stringOrNull(body, "name");
        Workflow w = new Workflow(Ids.uuidV7(), name, type, bodies, callbacks, callbacksJson, now);
        workflows.put(w.id, w);
        events.record("workflow.started", null, now, Json.obj().add("workflow_id", w.id).add("workflow_type", type));
        if (type.equals("chain")) {
            startMember(w, 0, null, now);
        } else {
            for (int i = 0; i < bodies.size() && !w.isTerminal(); i++) {
                startMember(w, i, null, now);
            }
        }
        return w;
    }

    private void startMember(Workflow w, int index, JsonArray parentResults, long now) {
        try {
            StoredJob j = jobs.push(PushRequest.parse(w.memberBodies.get(index), now, ""), now, w.id, index,
                    parentResults).job();
            w.jobIds[index] = j.id;
        } catch (ApiException e) {
            finish(w, "failed", now);
        }
    }

    /** Called by the job store when a member job reaches a terminal state. */
    void memberFinished(StoredJob j, long now) {
        Workflow w = workflows.get(j.workflowId);
        if (w == null || w.isTerminal() || j.workflowIndex < 0) {
            return;
        }
        int i = j.workflowIndex;
        if (w.type.equals("chain")) {
            if (j.state == JobState.COMPLETED) {
                w.results[i] = j.result;
                w.completed++;
                events.record("workflow.step_completed", null, now, Json.obj().add("workflow_id", w.id)
                        .add("step", i).add("job_id", j.id));
                if (i + 1 < w.jobIds.length) {
                    JsonArrayBuilder pr = Json.arr();
                    for (int k = 0; k <= i; k++) {
                        if (w.results[k] != null) {
                            pr.add(w.results[k]);
                        }
                    }
                    startMember(w, i + 1, pr.build(), now);
                } else {
                    finish(w, "completed", now);
                }
            } else {
                w.failed++;
                finish(w, "failed", now);
            }
            return;
        }
        w.terminal++;
        if (j.state == JobState.COMPLETED) {
            w.completed++;
            w.results[i] = j.result;
        } else {
            w.failed++;
        }
        if (w.terminal == w.jobIds.length) {
            finish(w, w.failed > 0 ? "failed" : "completed", now);
            if (w.type.equals("batch")) {
                fireCallback(w, "on_complete", now);
                fireCallback(w, w.failed > 0 ? "on_failure" : "on_success", now);
            }
        }
    }

    private void fireCallback(Workflow w, String which, long now) {
        JsonObject cb = w.callbacks.get(which);
        if (cb == null) {
            return;
        }
        try {
            w.callbackJobIds.put(which, jobs.push(PushRequest.parse(cb, now, ""), now).job().id);
        } catch (ApiException e) {
            events.record("workflow.callback_failed", null, now, Json.obj().add("workflow_id", w.id)
                    .add("callback", which).add("reason", e.getMessage()));
        }
    }

    private void finish(Workflow w, String state, long now) {
        w.state = state;
        w.completedAt = now;
        events.record("workflow." + state, null, now, Json.obj().add("workflow_id", w.id)
                .add("workflow_type", w.type));
    }

    Workflow get(String id) {
        Workflow w = workflows.get(id);
        if (w == null) {
            throw ApiException.notFound(Messages.SRV_0604, "workflow", id);
        }
        return w;
    }

    Workflow cancel(String id, long now) {
        Workflow w = get(id);
        if (w.isTerminal()) {
            throw ApiException.conflict(Messages.SRV_0605, "Cannot cancel workflow in state '" + w.state + "'.",
                    "The workflow has already finished.", Json.obj().add("workflow_id", id)
                            .add("current_state", w.state).build());
        }
        finish(w, "cancelled", now);
        for (String jobId : w.jobIds) {
            StoredJob j = jobId == null ? null : jobs.find(jobId);
            if (j != null && !j.state.terminal()) {
                jobs.cancel(j, now, "workflow cancelled");
            }
        }
        return w;
    }

    void clear() {
        workflows.clear();
    }
}
