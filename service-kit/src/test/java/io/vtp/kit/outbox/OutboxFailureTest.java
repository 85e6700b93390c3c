package io.vtp.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vtp.kit.inbox.KitTestConsumer;
import io.vtp.testsupport.KafkaResource;
import io.vtp.testsupport.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Requirements 3 and 4: Kafka down, and a relay crashing between send and mark. */
@QuarkusTest
class OutboxFailureTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    KitTestConsumer consumer;

    @Test
    void eventsWaitWhileKafkaIsDownAndArriveExactlyOnceAfterwards() {
        String run = UUID.randomUUID().toString();
        // the producer knows the topic before the broker goes
        OutboxEvent warmUp = OutboxTesting.appendCommitted(outbox, KitTestConsumer.TOPIC, KitTestConsumer.NOTED,
                "outage-" + run, Map.of("n", -1));
        await().atMost(Duration.ofSeconds(20)).until(() -> OutboxTesting.published(pool, warmUp.id));

        List<OutboxEvent> events;
        KafkaResource.stopBroker();
        try {
            events = OutboxTesting.appendCommitted(outbox, KitTestConsumer.TOPIC, KitTestConsumer.NOTED,
                    List.of("outage-" + run, "outage-" + run, "outage-" + run), List.of(Map.of("n", 0), Map.of("n", 1),
                            Map.of("n", 2)));
            // the first is probed (attempts, last_error) and stays pending, like the others
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Row first = OutboxTesting.outboxRow(pool, events.get(0).id);
                return first.getInteger("attempts") >= 1 && first.getString("last_error") != null;
            });
            for (OutboxEvent event : events) {
                assertNull(OutboxTesting.outboxRow(pool, event.id).getOffsetDateTime("published_at"));
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> registry.get("vtp.outbox.pending.events").gauge().value() >= 3);
        } finally {
            KafkaResource.startBroker();
        }

        try (TopicReader reader = new TopicReader(KitTestConsumer.TOPIC)) {
            List<TopicReader.Event> read = reader.readUntil(
                    all -> events.stream().allMatch(e -> OutboxTesting.count(all, e.id) > 0), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().allMatch(e -> OutboxTesting.published(pool, e.id)));
            read = reader.readUntil(all -> false, Duration.ofSeconds(1)); // anything sent twice would show now
            for (OutboxEvent event : events) {
                assertEquals(1, OutboxTesting.count(read, event.id), "copies of " + event.id);
                assertNull(OutboxTesting.outboxRow(pool, event.id).getString("last_error"));
            }
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> registry.get("vtp.outbox.pending.events").gauge().value() == 0);
        assertEquals(0, relay.sendsInFlight(), "every send settled");
    }

    @Test
    void eventSentAgainAfterACrashBeforeMarkingIsAppliedOnce() {
        String counter = "crash-" + UUID.randomUUID();
        double duplicatesBefore = duplicates();
        relay.failNextPassBeforeMarking();
        OutboxEvent event = OutboxTesting.appendCommitted(outbox, KitTestConsumer.TOPIC, KitTestConsumer.COUNTED,
                counter, Map.of("counter", counter));

        try (TopicReader reader = new TopicReader(KitTestConsumer.TOPIC)) {
            List<TopicReader.Event> read = reader.readUntil(all -> OutboxTesting.count(all, event.id) >= 2,
                    Duration.ofSeconds(30));
            assertEquals(2, OutboxTesting.count(read, event.id), "sent, crashed, sent again");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboxTesting.published(pool, event.id));
        Row row = OutboxTesting.outboxRow(pool, event.id);
        assertNotNull(row.getOffsetDateTime("published_at"));
        // the consumer got both copies: one applied, one recognised as a duplicate
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertEquals(1, consumer.counter(counter));
    }

    private double duplicates() {
        var counter = registry.find("vtp.inbox.events").tag("consumer", KitTestConsumer.CONSUMER)
                .tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }
}
