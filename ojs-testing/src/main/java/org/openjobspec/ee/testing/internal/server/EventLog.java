package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The last {@value #CAP} CloudEvents-style events, for the polling endpoint of ojs-events.md §6.4. */
final class EventLog {
    private static final int CAP = 10_000;

    record Event(long seq, String id, String type, long time, String jobId, String queue, String jobType,
                 JsonObject data) {
    }

    record Page(List<Event> events, boolean more, String cursor) {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    /** Shared by logged events and SSE frames, so ids of both increase together. */
    private long seq;

    long nextSeq() {
        return ++seq;
    }

    void record(String type, StoredJob j, long now, JsonObjectBuilder data) {
        String queue = null;
        String jobType = null;
        String jobId = null;
        if (j != null) {
            jobId = j.id;
            queue = j.queue;
            jobType = j.type;
            data.add("job_id", j.id).add("job_type", j.type).add("queue", j.queue);
        }
        JsonObject d = data.build();
        if (queue == null && d.get("queue") instanceof JsonString qs) {
            queue = qs.getString();
        }
        events.addLast(new Event(nextSeq(), "evt_" + Ids.uuidV7(), type, now, jobId, queue, jobType, d));
        if (events.size() > CAP) {
            events.pollFirst();
        }
    }

    /**
     * The events after the cursor {@code after} that pass the filters, oldest first. The cursor is the id of the last
     * event considered (returned or skipped by the filters), so that skipped events are not read again. An unknown cursor (an event already evicted, or one of an earlier
     * server run or of before a reset) is older than every event the log holds: the page starts at the oldest.
     */
    Page poll(Set<String> types, Set<String> queues, Set<String> jobTypes, String after, int limit) {
        long afterSeq = 0;
        if (after != null) {
            for (Event e : events) {
                if (e.id.equals(after)) {
                    afterSeq = e.seq;
                    break;
                }
            }
        }
        List<Event> page = new ArrayList<>();
        String cursor = after;
        boolean more = false;
        for (Event e : events) {
            if (e.seq <= afterSeq) {
                continue;
            }
            if (matches(e, types, queues, jobTypes)) {
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(e);
            }
            cursor = e.id;
        }
        return new Page(page, more, cursor);
    }

    private static boolean matches(Event e, Set<String> types, Set<String> queues, Set<String> jobTypes) {
        return (types == null || types.contains(e.type)) && (queues == null || queues.contains(e.queue))
                && (jobTypes == null || jobTypes.contains(e.jobType));
    }

    void clear() {
        events.clear();
    }
}
