package io.vtp.course.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.KnownRecording;
import io.vtp.course.service.Projections;
import io.vtp.course.service.Projections.RecordingFacts;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/**
 * vtp.recordings (recording-service) and vtp.media (streaming-service) into the recording
 * projection: which recordings exist and whose they are, which were deleted, which can stream.
 */
@ApplicationScoped
public class RecordingEventsConsumer {

    record Started(UUID recordingId, UUID startedBy, String title, Instant startedAt) {
    }

    record Completed(UUID recordingId, UUID ownerId, String title, Double durationSeconds, Instant completedAt) {
    }

    record Failed(UUID recordingId, Instant failedAt) {
    }

    record Deleted(UUID recordingId, Instant deletedAt) {
    }

    record MediaReady(UUID recordingId, Double durationSeconds, Instant readyAt) {
    }

    private final Inbox inbox;
    private final InboxHandlers recordingHandlers;
    private final InboxHandlers mediaHandlers;

    public RecordingEventsConsumer(Inbox inbox, Projections projections) {
        this.inbox = inbox;
        this.recordingHandlers = InboxHandlers.builder()
                .on(EventType.RECORDING_STARTED, Started.class, (event, r) -> projections.recording(new RecordingFacts(
                        r.recordingId(), r.startedBy(), r.title(), KnownRecording.RECORDING, null, at(r.startedAt(), event.time()))))
                .on(EventType.RECORDING_COMPLETED, Completed.class, (event, r) -> projections.recording(new RecordingFacts(
                        r.recordingId(), r.ownerId(), r.title(), KnownRecording.COMPLETED, r.durationSeconds(),
                        at(r.completedAt(), event.time()))))
                .on(EventType.RECORDING_FAILED, Failed.class, (event, r) -> projections.recording(new RecordingFacts(
                        r.recordingId(), null, null, KnownRecording.FAILED, null, at(r.failedAt(), event.time()))))
                .on(EventType.RECORDING_DELETED, Deleted.class, (event, r) -> projections.recording(new RecordingFacts(
                        r.recordingId(), null, null, KnownRecording.DELETED, null, at(r.deletedAt(), event.time()))))
                .build();
        this.mediaHandlers = InboxHandlers.builder()
                .on(EventType.MEDIA_READY, MediaReady.class, (event, m) -> projections.mediaReady(
                        m.recordingId(), m.durationSeconds(), at(m.readyAt(), event.time())))
                .build();
    }

    @Incoming("recordings-in")
    public Uni<Void> onRecordingEvent(Message<String> message) {
        return inbox.process("course-service.recordings", message, recordingHandlers);
    }

    @Incoming("media-in")
    public Uni<Void> onMediaEvent(Message<String> message) {
        return inbox.process("course-service.media", message, mediaHandlers);
    }

    private static Instant at(Instant fromData, Instant eventTime) {
        return fromData != null ? fromData : eventTime != null ? eventTime : Instant.EPOCH;
    }
}
