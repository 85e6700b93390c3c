package io.vtp.kit.testapp;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records every log record the application emits while open (a handler on the JUL root logger,
 * which is the JBoss LogManager root in Quarkus tests). Use in try-with-resources around a request.
 */
public final class LogCapture implements AutoCloseable {

    /** Loggers of infrastructure that runs concurrently with every test (Kafka, the outbox relay). */
    private static final List<String> BACKGROUND = List.of("org.apache.kafka", "kafka", "io.smallrye.reactive.messaging",
            "io.vtp.kit.outbox", "state.change", "org.flywaydb", "io.zonky");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (BACKGROUND.stream().noneMatch(name::startsWith)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records at WARNING or above that carry a throwable (a stack trace in the log). */
    public List<LogRecord> stackTraces() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() && r.getThrown() != null)
                .toList();
    }

    /** Records at WARNING or above (ERROR included). */
    public List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** Records that mention {@code text} in their message or throwable. */
    public List<LogRecord> mentioning(String text) {
        return records.stream().filter(r -> message(r).contains(text)
                || r.getThrown() != null && String.valueOf(r.getThrown()).contains(text)).toList();
    }

    public static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext ? String.valueOf(ext.getFormattedMessage())
                : String.valueOf(record.getMessage());
    }

    public String describe() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + message(r)
                + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]")).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
