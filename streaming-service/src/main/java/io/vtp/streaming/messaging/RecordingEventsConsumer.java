package io.vtp.streaming.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import io.vtp.streaming.service.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.UUID;

/** vtp.recordings (recording-service): completed recordings become sources with a ladder queued; deleted ones are withdrawn. */
@ApplicationScoped
public class RecordingEventsConsumer {

    record Deleted(UUID recordingId) {
    }

    private final Inbox inbox;
    private final InboxHandlers handlers;
    private final Projections projections;

    public RecordingEventsConsumer(Inbox inbox, Projections projections) {
        this.inbox = inbox;
        this.projections = projections;
        this.handlers = InboxHandlers.builder()
                .on(EventType.RECORDING_COMPLETED, Projections.Completed.class, (e, c) -> projections.completed(c))
                .on(EventType.RECORDING_DELETED, Deleted.class, (e, d) -> projections.deleted(d.recordingId()))
                .build();
    }

    @Incoming("recordings-in")
    public Uni<Void> onRecordingEvent(Message<String> message) {
        return inbox.process("streaming-service.recordings", message, handlers).invoke(projections::afterCommit);
    }
}
