package io.vtp.kit.inbox;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.testsupport.MutableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requirement 8 (inbox): rows of applied events go once older than the retention (30 days) by the Clock. */
@QuarkusTest
class InboxPurgeTest {

    @Inject
    Inbox inbox;

    @Inject
    Pool pool;

    @Test
    void purgesInboxRowsOlderThanTheRetention() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        String id = UUID.randomUUID().toString();
        try (TestRecords records = new TestRecords()) {
            records.sendCounted(KitTestConsumer.TOPIC, id, "purge-" + id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(id) == 1);

        clock.advance(Duration.ofDays(30).minusMinutes(1));
        inbox.purge().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, rows(id), "younger than the retention");

        clock.advance(Duration.ofMinutes(2));
        assertTrue(inbox.purge().await().atMost(Duration.ofSeconds(10)) >= 1);
        assertEquals(0, rows(id), "older than the retention");
    }

    private long rows(String id) {
        return pool.preparedQuery("select count(*) as n from inbox_events where event_id = $1")
                .execute(Tuple.of(id))
                .map(r -> r.iterator().next().getLong("n"))
                .await().atMost(Duration.ofSeconds(10));
    }
}
