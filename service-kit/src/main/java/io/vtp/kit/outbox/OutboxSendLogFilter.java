package io.vtp.kit.outbox;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops SmallRye's per-message ERROR (with a stack trace) for each failed send of channel
 * {@code vtp-outbox} (SRMSG18206, SRMSG18212). While Kafka is down the relay probes once per
 * backoff step; it logs the outage once when it starts and once when it ends, and every failed
 * attempt stays visible in {@code outbox_events.attempts}/{@code last_error}. Installed on the
 * SmallRye Kafka logger itself (not a handler), so it needs no configuration and leaves every
 * other channel's messages alone.
 */
final class OutboxSendLogFilter implements Filter {

    static final String CATEGORY = "io.smallrye.reactive.messaging.kafka";
    private static final String CHANNEL = "vtp-outbox";

    private final Filter previous;

    private OutboxSendLogFilter(Filter previous) {
        this.previous = previous;
    }

    /** Installs the filter (once), keeping any filter already set on that logger. */
    static void install() {
        Logger logger = Logger.getLogger(CATEGORY);
        Filter current = logger.getFilter();
        if (!(current instanceof OutboxSendLogFilter)) {
            logger.setFilter(new OutboxSendLogFilter(current));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return !isOutboxSendFailure(record) && (previous == null || previous.isLoggable(record));
    }

    static boolean isOutboxSendFailure(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !(message.startsWith("SRMSG18206") || message.startsWith("SRMSG18212"))) {
            return false;
        }
        Object[] parameters = record.getParameters();
        return parameters != null && Arrays.asList(parameters).contains(CHANNEL);
    }
}
