package io.vtp.kit.outbox;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only SmallRye's per-send failures of channel vtp-outbox are dropped. */
class OutboxSendLogFilterTest {

    @Test
    void dropsOnlyOutboxSendFailures() {
        assertTrue(OutboxSendLogFilter.isOutboxSendFailure(
                record("SRMSG18206: Unable to write to Kafka from channel %s (topic: %s)", "vtp-outbox", "vtp.users")));
        assertTrue(OutboxSendLogFilter.isOutboxSendFailure(record(
                "SRMSG18212: Message %s from channel '%s' was not sent to Kafka topic '%s' - nacking message",
                "msg", "vtp-outbox", "vtp.users")));
        assertFalse(OutboxSendLogFilter.isOutboxSendFailure(
                record("SRMSG18206: Unable to write to Kafka from channel %s (topic: %s)", "other-out", "vtp.users")));
        assertFalse(OutboxSendLogFilter.isOutboxSendFailure(
                record("SRMSG18202: A message sent to channel `%s` has been nacked", "vtp-outbox")));
    }

    private static LogRecord record(String message, Object... parameters) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setParameters(parameters);
        return record;
    }
}
