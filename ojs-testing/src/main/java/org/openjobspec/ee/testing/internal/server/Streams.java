package org.openjobspec.ee.testing.internal.server;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Open SSE streams per job and per queue, fed on every state change. */
final class Streams {
    private final Map<String, Set<SseSink>> jobStreams = new HashMap<>();
    private final Map<String, Set<SseSink>> queueStreams = new HashMap<>();
    private final EventLog events;

    Streams(EventLog events) {
        this.events = events;
    }

    /** For a job already in a terminal state the sink gets one event and closes. */
    SseSink subscribeJob(StoredJob j, long now) {
        SseSink sink = new SseSink(true);
        if (j.state.terminal()) {
            sink.offer(Render.stateFrame(j, j.state, j.state, events.nextSeq(), now));
            sink.finish();
        } else {
            jobStreams.computeIfAbsent(j.id, k -> new LinkedHashSet<>()).add(sink);
        }
        return sink;
    }

    SseSink subscribeQueue(String queueName) {
        SseSink sink = new SseSink(false);
        queueStreams.computeIfAbsent(queueName, k -> new LinkedHashSet<>()).add(sink);
        return sink;
    }

    void unsubscribe(SseSink sink) {
        jobStreams.values().forEach(s -> s.remove(sink));
        queueStreams.values().forEach(s -> s.remove(sink));
        jobStreams.values().removeIf(Set::isEmpty);
        queueStreams.values().removeIf(Set::isEmpty);
    }

    void closeAll() {
        jobStreams.values().forEach(s -> s.forEach(SseSink::close));
        queueStreams.values().forEach(s -> s.forEach(SseSink::close));
        jobStreams.clear();
        queueStreams.clear();
    }

    /** A {@code job.progress} frame for the job's streams (not the queue's: they tell workers about new jobs). */
    void progressed(StoredJob j, long now) {
        Set<SseSink> js = jobStreams.get(j.id);
        if (js != null) {
            String frame = Render.progressFrame(j, events.nextSeq(), now);
            js.forEach(s -> s.offer(frame));
        }
    }

    void stateChanged(StoredJob j, JobState from, JobState to, long now) {
        if (jobStreams.isEmpty() && queueStreams.isEmpty()) {
            return;
        }
        Set<SseSink> js = jobStreams.get(j.id);
        Set<SseSink> qs = queueStreams.get(j.queue);
        if (js == null && qs == null) {
            return;
        }
        String frame = Render.stateFrame(j, from, to, events.nextSeq(), now);
        if (js != null) {
            for (SseSink s : js) {
                s.offer(frame);
                if (to.terminal()) {
                    s.finish();
                }
            }
            if (to.terminal()) {
                jobStreams.remove(j.id);
            }
        }
        if (qs != null) {
            qs.forEach(s -> s.offer(frame));
        }
    }
}
