package io.vtp.kit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vtp.kit.inbox.KitTestConsumer;
import io.vtp.kit.json.EventJson;
import io.vtp.testsupport.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requirement 1: a committed append reaches Kafka as a binary-mode CloudEvent, keyed by aggregate;
 * an append outside a transaction fails. Also: the relay's metrics as Prometheus sees them.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Test
    void committedAppendArrivesAsCloudEventKeyedByAggregate() throws Exception {
        String key = "note-" + UUID.randomUUID();
        Instant occurredAt = Instant.parse("2030-01-02T03:04:05.123Z");
        long before = System.currentTimeMillis();
        OutboxEvent event = appendAt(key, occurredAt);
        long after = System.currentTimeMillis();
        // The id is time-ordered (version 7), stamped when it was appended, not with the event's time.
        assertEquals(7, event.id.version());
        long stamped = EventIds.millis(event.id);
        assertTrue(stamped >= before && stamped <= after, stamped + " not in [" + before + ", " + after + "]");

        try (TopicReader reader = new TopicReader(KitTestConsumer.TOPIC)) {
            List<TopicReader.Event> events = reader.readUntil(all -> OutboxTesting.count(all, event.id) > 0,
                    Duration.ofSeconds(30));
            TopicReader.Event record = events.stream()
                    .filter(e -> event.id.toString().equals(e.header("ce_id"))).findFirst().orElseThrow();
            assertEquals(key, record.key());
            assertEquals("1.0", record.header("ce_specversion"));
            assertEquals(KitTestConsumer.NOTED, record.header("ce_type"));
            assertEquals("/vtp/kit-test", record.header("ce_source"));
            assertEquals(key, record.header("ce_subject"));
            assertEquals(occurredAt, OffsetDateTime.parse(record.header("ce_time")).toInstant());
            assertEquals("application/json", record.header("content-type"));
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertEquals("hello", data.get("text").asText());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboxTesting.published(pool, event.id));
        assertEquals(1, OutboxTesting.outboxRow(pool, event.id).getInteger("attempts"));
    }

    @Test
    void appendOutsideATransactionFails() {
        String key = "no-tx-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> outbox.append(KitTestConsumer.TOPIC, KitTestConsumer.NOTED, key,
                        Map.of("text", "lost"), null))));
        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> outbox.append(KitTestConsumer.TOPIC, KitTestConsumer.NOTED, key, Map.of("text", "lost"), null)));
        assertTrue(OutboxTesting.rows(pool, "select 1 from outbox_events where aggregate_id = $1", key).isEmpty());
    }

    @Test
    void metricsAreExposedUnderTheirPrometheusNames() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vtp_outbox_pending_events "),
                        containsString("vtp_outbox_oldest_pending_age_seconds "),
                        containsString("vtp_outbox_published_events_total "));
    }

    private OutboxEvent appendAt(String key, Instant occurredAt) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(
                    KitTestConsumer.TOPIC, KitTestConsumer.NOTED, key, Map.of("text", "hello"), occurredAt)));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
