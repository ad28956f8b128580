package org.openjobspec.ee.example.middleware;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The latest job runs seen by {@link AuditInterceptor}, newest last. */
@ApplicationScoped
public class JobActivity {

    private static final int KEPT = 200;

    public record Entry(String jobId, String type, int attempt, String outcome, long millis, String thread) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    public synchronized void add(Entry entry) {
        if (entries.size() == KEPT) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
