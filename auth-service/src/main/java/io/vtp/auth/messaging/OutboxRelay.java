package io.vtp.auth.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.OutboxEvent;
import io.vtp.auth.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Relays outbox events to Kafka in the order they were written, as CloudEvents (binary mode:
 * {@code ce_*} headers, JSON value), keyed by aggregate id. An event is marked published only
 * after the broker acknowledged it; while the broker is down, events wait and are retried.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final URI SOURCE = URI.create("/vtp/auth-service");

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;
    private final AuthConfig.Outbox config;
    private volatile boolean failing;
    private volatile boolean started;

    public OutboxRelay(OutboxRepository outbox, @Channel("events-out") MutinyEmitter<String> emitter,
                       AuthConfig config) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config.outbox();
    }

    /**
     * Reactive Messaging connects the emitter in a start-up observer of its own, which runs before
     * this one (library priority); on a slow start the scheduler's first tick can come earlier.
     */
    void onStart(@Observes StartupEvent start) {
        started = true;
    }

    @Scheduled(every = "${vtp.auth.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!started) {
            return;
        }
        int sent;
        do {
            sent = relayBatch();
        } while (sent == config.batchSize());
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purge() {
        QuarkusTransaction.requiringNew().run(
                () -> outbox.purgePublishedBefore(Instant.now().minus(config.retention())));
    }

    /**
     * Publishes one batch in order, stopping at the first failure (so that order per aggregate
     * holds) or when the batch has taken {@code send-timeout}, well inside the transaction timeout.
     */
    int relayBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) config.sendTimeout().multipliedBy(3).toSeconds())
                .call(() -> {
                    if (!outbox.becomeRelay()) {
                        return 0;
                    }
                    Instant deadline = Instant.now().plus(config.sendTimeout());
                    List<OutboxEvent> batch = outbox.pending(config.batchSize());
                    int sent = 0;
                    for (OutboxEvent event : batch) {
                        if (Instant.now().isAfter(deadline)) {
                            return sent;
                        }
                        event.attempts++;
                        try {
                            emitter.sendMessage(toMessage(event)).await().atMost(config.sendTimeout());
                        } catch (RuntimeException e) {
                            event.lastError = abbreviate(String.valueOf(e.getMessage()));
                            brokerDown(batch.size() - sent, event.lastError);
                            return sent;
                        }
                        event.publishedAt = Instant.now();
                        event.lastError = null;
                        sent++;
                    }
                    brokerUp();
                    return sent;
                });
    }

    private void brokerDown(int waiting, String error) {
        if (!failing) {
            LOG.warnf("Kafka unavailable, %d event(s) wait in the outbox: %s", waiting, error);
            failing = true;
        }
    }

    private void brokerUp() {
        if (failing) {
            LOG.info("Kafka reachable again, relaying the outbox");
            failing = false;
        }
    }

    private static Message<String> toMessage(OutboxEvent event) {
        return Message.of(event.payload)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.id.toString())
                        .withType(event.type)
                        .withSource(SOURCE)
                        .withSubject(event.aggregateId)
                        .withTimestamp(event.occurredAt.atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic)
                        .withKey(event.aggregateId)
                        .build());
    }

    private static String abbreviate(String message) {
        return message.length() <= 500 ? message : message.substring(0, 500);
    }
}
