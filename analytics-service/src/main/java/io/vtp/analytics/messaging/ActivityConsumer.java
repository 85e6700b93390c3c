package io.vtp.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vtp.analytics.service.IngestService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * vtp.viewing, vtp.rooms, vtp.recordings, vtp.media and vtp.users, consumed in batches (channel
 * {@code activity-in}, one consumer group; instances split the partitions). vtp.courses and
 * vtp.enrollments feed service-kit's course roster through its own consumer.
 */
@ApplicationScoped
public class ActivityConsumer {

    private final IngestService ingest;

    public ActivityConsumer(IngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming("activity-in")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return ingest.ingest(batch);
    }
}
