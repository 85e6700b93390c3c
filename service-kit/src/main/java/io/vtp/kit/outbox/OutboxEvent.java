package io.vtp.kit.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event waiting in the transactional outbox to be relayed to Kafka (table {@code outbox_events}). */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends PanacheEntityBase {

    /** Write order; the relay publishes in this order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvents id (header {@code ce_id}). */
    public UUID id;

    public String topic;

    /** The CloudEvents type, e.g. {@code vtp.user.registered.v1}. */
    public String type;

    /** The Kafka key and CloudEvents subject. */
    @Column(name = "aggregate_id")
    public String aggregateId;

    /** The event's data as JSON. */
    public String payload;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;
}
