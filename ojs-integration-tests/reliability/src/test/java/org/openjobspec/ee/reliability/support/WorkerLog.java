package org.openjobspec.ee.reliability.support;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the worker engine's log lines (formatted), to tell what it did: failed, stopped, backed off. */
public final class WorkerLog extends Handler implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.openjobspec.ee.internal.worker.Worker");

    private WorkerLog() {
    }

    public static WorkerLog attach() {
        WorkerLog h = new WorkerLog();
        h.logger.addHandler(h);
        return h;
    }

    public void detach() {
        logger.removeHandler(this);
    }

    /** The lines with this message id, in order. */
    public List<String> lines(String messageId) {
        return messages.stream().filter(m -> m.startsWith(messageId)).toList();
    }

    public long count(String messageId) {
        return lines(messageId).size();
    }

    @Override
    public void publish(LogRecord r) {
        messages.add(r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        detach();
    }
}
