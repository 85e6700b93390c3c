package io.vtp.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes events into the transactional outbox, inside the caller's reactive transaction: the
 * event exists exactly when the change it reports was committed. The relay
 * ({@link OutboxRelay}) publishes it; it is woken by a PostgreSQL notification that the database
 * delivers only when the appending transaction commits.
 */
@ApplicationScoped
public class Outbox {

    /** The PostgreSQL notification channel that wakes the relay. */
    public static final String WAKE_CHANNEL = "vtp_outbox";

    private final Clock clock;

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Appends an event of a catalogue type; see {@link #append(String, String, String, Object, Instant)}. */
    public Uni<OutboxEvent> append(EventType type, String key, Object data, Instant occurredAt) {
        return append(type.topic().topicName(), type.type(), key, data, occurredAt);
    }

    /**
     * Appends an event: {@code data} is written as JSON with the events' mapper ({@link EventJson}),
     * {@code key} becomes the Kafka key and CloudEvents subject. Fails with IllegalStateException
     * when no reactive transaction is active: an event written outside the change's transaction
     * could be published for a change that never happened, or lost for one that did.
     */
    public Uni<OutboxEvent> append(String topic, String type, String key, Object data, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent();
        Instant now = Instant.now(clock);
        event.id = EventIds.timeOrdered(now.toEpochMilli());
        event.topic = topic;
        event.type = type;
        event.aggregateId = key;
        event.occurredAt = occurredAt != null ? occurredAt : now;
        try {
            event.payload = EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event " + type + " is not serializable", e));
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append needs an active reactive transaction (@WithTransaction or Panache.withTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.persist(event)
                        .chain(session::flush)
                        // NOTIFY, not "select pg_notify(...)": Hibernate Reactive plans a native select
                        // again at every execution (NativeQueryPlansTest), a statement once.
                        .chain(() -> session.createNativeQuery("notify " + WAKE_CHANNEL).executeUpdate()))
                .replaceWith(event);
    }
}
