package io.vtp.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.testsupport.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requirements 5 and 7: duplicates change nothing, unknown types are skipped and counted, poison
 * records and effects that keep failing go to {@code vtp.dlq.kit-test} with the reason in headers
 * while the next record is processed; the batch variant deduplicates within one transaction.
 * The records are written with a plain Kafka producer, as any (also broken) producer could.
 */
@QuarkusTest
class InboxTest {

    static TestRecords records;

    @Inject
    KitTestConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @BeforeAll
    static void producer() {
        records = new TestRecords();
    }

    @AfterAll
    static void closeProducer() {
        if (records != null) {
            records.close();
        }
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        String id = UUID.randomUUID().toString();
        String counter = "dup-" + id;
        double duplicatesBefore = count("vtp.inbox.events", KitTestConsumer.CONSUMER, "outcome", "duplicate");
        records.sendCounted(KitTestConsumer.TOPIC, id, counter);
        records.sendCounted(KitTestConsumer.TOPIC, id, counter); // the same event again
        String after = "after-dup-" + id;
        records.sendCounted(KitTestConsumer.TOPIC, UUID.randomUUID().toString(), after);

        // one partition: once the next record is applied, both copies were processed
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.counter(after) == 1);
        assertEquals(1, consumer.counter(counter));
        assertTrue(count("vtp.inbox.events", KitTestConsumer.CONSUMER, "outcome", "duplicate") > duplicatesBefore);
        assertEquals(1, inboxRows(KitTestConsumer.CONSUMER, id));
    }

    @Test
    void unknownTypeIsSkippedAndCounted() {
        String type = "kit.test.mystery.v1";
        double before = count("vtp.inbox.skipped.events", KitTestConsumer.CONSUMER, "type", type);
        String id = UUID.randomUUID().toString();
        records.send(KitTestConsumer.TOPIC, "mystery", "{\"whatever\":1}", TestRecords.cloudEvent(id, type));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("vtp.inbox.skipped.events", KitTestConsumer.CONSUMER, "type", type) == before + 1);
        assertEquals(0, inboxRows(KitTestConsumer.CONSUMER, id));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String run = UUID.randomUUID().toString();
        String notJsonId = UUID.randomUUID().toString();
        records.send(KitTestConsumer.TOPIC, "not-json-" + run, "this is {not json",
                TestRecords.cloudEvent(notJsonId, KitTestConsumer.COUNTED));
        records.send(KitTestConsumer.TOPIC, "no-id-" + run, "{\"counter\":\"never-" + run + "\"}",
                TestRecords.cloudEvent(null, KitTestConsumer.COUNTED));
        String after = "after-poison-" + run;
        records.sendCounted(KitTestConsumer.TOPIC, UUID.randomUUID().toString(), after);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.counter(after) == 1);
        assertEquals(0, consumer.counter("never-" + run));
        try (TopicReader dlq = new TopicReader(KitTestConsumer.DLQ_TOPIC)) {
            List<TopicReader.Event> dead = dlq.readUntil(all -> keyed(all, "not-json-" + run) != null
                    && keyed(all, "no-id-" + run) != null, Duration.ofSeconds(30));

            TopicReader.Event notJson = keyed(dead, "not-json-" + run);
            assertNotNull(notJson, "non-JSON record in the DLQ");
            assertEquals("this is {not json", notJson.value());
            assertTrue(notJson.header("dead-letter-reason").contains("is not JSON"), notJson.header("dead-letter-reason"));
            assertTrue(notJson.header("dead-letter-reason").contains(notJsonId));
            assertNotNull(notJson.header("dead-letter-cause"), "the parser's message");
            assertEquals(InboxRejectedException.class.getName(), notJson.header("dead-letter-exception-class-name"));
            assertEquals(KitTestConsumer.TOPIC, notJson.header("dead-letter-topic"));
            assertNotNull(notJson.header("dead-letter-offset"));
            assertEquals(notJsonId, notJson.header("ce_id"), "the original headers are kept");

            TopicReader.Event noId = keyed(dead, "no-id-" + run);
            assertNotNull(noId, "record without ce_id in the DLQ");
            assertTrue(noId.header("dead-letter-reason").contains("ce_id"), noId.header("dead-letter-reason"));
        }
    }

    @Test
    void effectFailingEveryRetryIsDeadLettered() {
        String id = UUID.randomUUID().toString();
        int attemptsBefore = consumer.failingAttempts();
        records.send(KitTestConsumer.TOPIC, "failing-" + id, "{}", TestRecords.cloudEvent(id, KitTestConsumer.FAILING));
        String after = "after-failing-" + id;
        records.sendCounted(KitTestConsumer.TOPIC, UUID.randomUUID().toString(), after);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.counter(after) == 1);
        assertEquals(4, consumer.failingAttempts() - attemptsBefore, "1 attempt + 3 retries");
        assertEquals(0, inboxRows(KitTestConsumer.CONSUMER, id), "rolled back each time");
        try (TopicReader dlq = new TopicReader(KitTestConsumer.DLQ_TOPIC)) {
            List<TopicReader.Event> dead = dlq.readUntil(all -> keyed(all, "failing-" + id) != null, Duration.ofSeconds(30));
            TopicReader.Event failing = keyed(dead, "failing-" + id);
            assertNotNull(failing);
            assertTrue(failing.header("dead-letter-reason").contains("failed 4 times"), failing.header("dead-letter-reason"));
            assertEquals("effect always fails", failing.header("dead-letter-cause"));
        }
    }

    @Test
    void batchIsAppliedInOneTransactionDeduplicatingEachEvent() {
        String run = UUID.randomUUID().toString();
        String counter = "batch-" + run;
        double duplicatesBefore = count("vtp.inbox.events", KitTestConsumer.BATCH_CONSUMER, "outcome", "duplicate");
        String firstId = UUID.randomUUID().toString();
        records.sendCounted(KitTestConsumer.BATCH_TOPIC, firstId, counter);
        for (int i = 1; i < 10; i++) {
            records.sendCounted(KitTestConsumer.BATCH_TOPIC, UUID.randomUUID().toString(), counter);
        }
        records.sendCounted(KitTestConsumer.BATCH_TOPIC, firstId, counter); // a duplicate
        records.send(KitTestConsumer.BATCH_TOPIC, "poison-" + run, "not json",
                TestRecords.cloudEvent(UUID.randomUUID().toString(), KitTestConsumer.COUNTED));
        String after = "after-batch-" + run;
        records.sendCounted(KitTestConsumer.BATCH_TOPIC, UUID.randomUUID().toString(), after);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.counter(after) == 1);
        assertEquals(10, consumer.counter(counter));
        assertTrue(count("vtp.inbox.events", KitTestConsumer.BATCH_CONSUMER, "outcome", "duplicate") > duplicatesBefore);
        try (TopicReader dlq = new TopicReader(KitTestConsumer.DLQ_TOPIC)) {
            List<TopicReader.Event> dead = dlq.readUntil(all -> keyed(all, "poison-" + run) != null, Duration.ofSeconds(30));
            TopicReader.Event poison = keyed(dead, "poison-" + run);
            assertNotNull(poison);
            assertEquals(KitTestConsumer.BATCH_TOPIC, poison.header("dead-letter-topic"));
        }
    }

    private double count(String meter, String consumerName, String tag, String value) {
        Counter counter = registry.find(meter).tag("consumer", consumerName).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private int inboxRows(String consumerName, String eventId) {
        return pool.preparedQuery("select count(*) as n from inbox_events where consumer = $1 and event_id = $2")
                .execute(Tuple.of(consumerName, eventId))
                .map(rows -> rows.iterator().next().getLong("n").intValue())
                .await().atMost(Duration.ofSeconds(10));
    }

    private static TopicReader.Event keyed(List<TopicReader.Event> events, String key) {
        return events.stream().filter(e -> key.equals(e.key())).findFirst().orElse(null);
    }
}
