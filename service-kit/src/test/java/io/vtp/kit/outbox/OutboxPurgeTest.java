package io.vtp.kit.outbox;

import io.vtp.testsupport.MutableClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vtp.kit.inbox.KitTestConsumer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requirement 8 (outbox): published events go once older than the retention (7 days) by the Clock. */
@QuarkusTest
class OutboxPurgeTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Test
    void purgesPublishedEventsOlderThanTheRetention() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        OutboxEvent event = OutboxTesting.appendCommitted(outbox, KitTestConsumer.TOPIC, KitTestConsumer.NOTED,
                "purge-me", Map.of("n", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> OutboxTesting.published(pool, event.id));

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        relay.purgePublished().await().atMost(Duration.ofSeconds(10));
        assertNotNull(OutboxTesting.outboxRow(pool, event.id), "younger than the retention");

        clock.advance(Duration.ofMinutes(2));
        long purged = relay.purgePublished().await().atMost(Duration.ofSeconds(10));
        assertTrue(purged >= 1);
        assertNull(OutboxTesting.outboxRow(pool, event.id), "older than the retention");
    }
}
