package io.vtp.kit.outbox;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** An unpublished row of {@code outbox_events}, as the relay reads it. */
record PendingEvent(long seq, UUID id, String topic, String type, String aggregateId, String payload,
                    Instant occurredAt) {

    /**
     * The Kafka message: a binary-mode CloudEvent (the {@code ce_*} headers, the JSON data as the
     * value) on the event's topic, keyed by aggregate id so one aggregate's events share a
     * partition and keep their order. {@code ce_source} comes from the channel's
     * {@code cloud-events-source} ({@code /vtp/<application name>}). {@code settled} runs when the
     * producer acknowledged or gave up on it, even if the relay stopped waiting earlier.
     */
    Message<String> toMessage(Runnable settled) {
        return Message.of(payload)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(id.toString())
                        .withType(type)
                        .withSubject(aggregateId)
                        .withTimestamp(occurredAt.atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(aggregateId)
                        .build())
                .withAck(() -> {
                    settled.run();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    settled.run();
                    return CompletableFuture.completedFuture(null);
                });
    }
}
