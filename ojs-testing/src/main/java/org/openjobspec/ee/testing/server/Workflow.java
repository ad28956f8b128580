package org.openjobspec.ee.testing.server;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chain, group or batch (ojs-workflows.md, as the reference server implements it). */
final class Workflow {
    final String id;
    final String name;
    final String type;
    final List<JsonObject> memberBodies;
    final String[] jobIds;
    final JsonValue[] results;
    final Map<String, JsonObject> callbacks;
    final JsonObject callbacksJson;
    final long createdAt;
    String state = "running";
    int completed;
    int failed;
    int terminal;
    Long completedAt;
    final Map<String, String> callbackJobIds = new LinkedHashMap<>();

    Workflow(String id, String name, String type, List<JsonObject> memberBodies, Map<String, JsonObject> callbacks,
             JsonObject callbacksJson, long createdAt) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.memberBodies = memberBodies;
        this.jobIds = new String[memberBodies.size()];
        this.results = new JsonValue[memberBodies.size()];
        this.callbacks = callbacks;
        this.callbacksJson = callbacksJson;
        this.createdAt = createdAt;
    }

    boolean isTerminal() {
        return !state.equals("running");
    }

    JsonObject toJson() {
        JsonObjectBuilder b = Json.obj().add("id", id);
        if (name != null) {
            b.add("name", name);
        }
        b.add("type", type).add("state", state);
        if (type.equals("chain")) {
            b.add("steps_total", jobIds.length).add("steps_completed", completed);
        } else {
            b.add("jobs_total", jobIds.length).add("jobs_completed", completed).add("jobs_failed", failed);
        }
        if (callbacksJson != null) {
            b.add("callbacks", callbacksJson);
        }
        JsonArrayBuilder ids = Json.arr();
        for (String j : jobIds) {
            if (j != null) {
                ids.add(j);
            }
        }
        b.add("job_ids", ids);
        if (!callbackJobIds.isEmpty()) {
            JsonObjectBuilder cb = Json.obj();
            callbackJobIds.forEach(cb::add);
            b.add("callback_job_ids", cb);
        }
        b.add("created_at", Times.format(createdAt));
        if (completedAt != null) {
            b.add("completed_at", Times.format(completedAt));
        }
        return b.build();
    }
}
