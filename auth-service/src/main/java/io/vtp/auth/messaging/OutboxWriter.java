package io.vtp.auth.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtp.auth.domain.OutboxEvent;
import io.vtp.auth.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Writes an event into the outbox, inside the caller's transaction (never on its own). */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;
    private final ObjectMapper json;

    public OutboxWriter(OutboxRepository outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String type, String aggregateId, Object data, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.aggregateId = aggregateId;
        event.occurredAt = occurredAt;
        try {
            event.payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + type + " is not serializable", e);
        }
        outbox.persist(event);
    }
}
