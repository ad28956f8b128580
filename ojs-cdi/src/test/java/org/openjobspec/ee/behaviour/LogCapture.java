package org.openjobspec.ee.behaviour;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what a logger logs while open; optionally throws from publish, as a broken log handler would. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Predicate<String> throwOn;
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String logger, Predicate<String> throwOn) {
        this.logger = Logger.getLogger(logger);
        this.throwOn = throwOn;
        this.logger.addHandler(this);
    }

    static LogCapture of(String logger) {
        return new LogCapture(logger, message -> false);
    }

    /** A handler that throws for every record whose formatted message matches {@code throwOn}. */
    static LogCapture throwingOn(String logger, Predicate<String> throwOn) {
        return new LogCapture(logger, throwOn);
    }

    static String text(LogRecord r) {
        return r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters());
    }

    List<String> messages() {
        return records.stream().map(LogCapture::text).toList();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
        if (throwOn.test(text(r))) {
            throw new IllegalStateException("log handler broke");
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
