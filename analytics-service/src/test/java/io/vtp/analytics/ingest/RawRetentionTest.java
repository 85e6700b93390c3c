package io.vtp.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.analytics.repository.RawEventStore;
import io.vtp.analytics.service.RawRetention;
import io.vtp.testsupport.Db;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * raw_events does not grow without bound: events received longer than raw-retention (35 days) ago
 * are deleted, in chunks, through the received_at index; younger ones stay.
 */
@QuarkusTest
class RawRetentionTest {

    @Inject
    RawEventStore raw;

    @Inject
    RawRetention retention;

    @Test
    void eventsOlderThanTheRetentionArePrunedInChunksAndYoungerOnesKept() throws Throwable {
        String tag = UUID.randomUUID().toString();
        String insert = """
                insert into raw_events (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
                select raw_event_key(id), id, 'vtp.viewing.progress.v1', 'vtp.viewing', null, now() - make_interval(days => ?2),
                    now() - make_interval(days => ?2), '{}'::json
                from (select ?1 || '-' || n as id from generate_series(1, ?3) n) ids""";
        Db.update(insert, "old-" + tag, 40, 25_000);
        Db.update(insert, "young-" + tag, 34, 10);

        long deleted = VertxContextSupport.subscribeAndAwait(() -> raw.purgeReceivedBefore(retention.cutoff()));

        assertTrue(deleted >= 25_000, "deleted " + deleted);
        assertEquals(0, Db.countSql("select count(*) from raw_events where event_id like ?1", "old-" + tag + "-%"));
        assertEquals(10, Db.countSql("select count(*) from raw_events where event_id like ?1", "young-" + tag + "-%"));
    }
}
