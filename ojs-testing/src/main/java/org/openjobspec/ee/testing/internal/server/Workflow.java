package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
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
}
