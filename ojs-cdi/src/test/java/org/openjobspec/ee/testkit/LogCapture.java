package org.openjobspec.ee.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one logger writes at {@code level} and above while open; a log line is a signal tests can wait for. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        setLevel(level);
        if (!logger.isLoggable(level)) {
            logger.setLevel(level);
        }
        logger.addHandler(this);
    }

    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(Logger.getLogger(loggerName), level);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages, in order. */
    public List<String> messages() {
        return records.stream().map(r -> r.getParameters() == null ? r.getMessage()
                : MessageFormat.format(r.getMessage(), r.getParameters())).toList();
    }

    @Override
    public void publish(LogRecord r) {
        if (isLoggable(r)) {
            records.add(r);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
