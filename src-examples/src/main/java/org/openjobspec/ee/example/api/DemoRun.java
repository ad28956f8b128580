package org.openjobspec.ee.example.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code POST /api/demo/start} started, by label, for the status endpoint. */
@ApplicationScoped
public class DemoRun {

    private final Map<String, String> jobs = new LinkedHashMap<>();
    private final Map<String, String> workflows = new LinkedHashMap<>();

    public synchronized void job(String label, String id) {
        jobs.put(label, id);
    }

    public synchronized void workflow(String label, String id) {
        workflows.put(label, id);
    }

    public synchronized Map<String, String> jobs() {
        return Map.copyOf(jobs);
    }

    public synchronized Map<String, String> workflows() {
        return Map.copyOf(workflows);
    }
}
