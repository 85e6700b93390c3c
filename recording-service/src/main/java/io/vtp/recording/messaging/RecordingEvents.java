package io.vtp.recording.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import io.vtp.recording.domain.Recording;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The events of topic {@code vtp.recordings} (schemas in event-contracts), written to the outbox in
 * the caller's transaction and keyed by recording id, so each recording's events stay in order.
 */
@ApplicationScoped
public class RecordingEvents {

    record Started(UUID recordingId, UUID roomId, UUID courseId, UUID startedBy, String title, String source,
                   Instant startedAt) {
    }

    record Stopped(UUID recordingId, UUID roomId, UUID stoppedBy, int chunkCount, Instant startedAt,
                   Instant stoppedAt) {
    }

    record Completed(UUID recordingId, UUID roomId, UUID courseId, UUID ownerId, String title, String source,
                     String storageKey, String mimeType, long sizeBytes, double durationSeconds, Integer width,
                     Integer height, String videoCodec, String audioCodec, String container, Double fps,
                     Long bitrate, boolean hasVideo, boolean hasAudio, Instant completedAt) {
    }

    record Failed(UUID recordingId, UUID roomId, String stage, String reason, Instant failedAt) {
    }

    record Deleted(UUID recordingId, UUID deletedBy, Instant deletedAt) {
    }

    private final Outbox outbox;

    public RecordingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> started(Recording r) {
        return append(EventType.RECORDING_STARTED, r.id, new Started(r.id, r.roomId, r.courseId, r.ownerId, r.title,
                r.source, r.startedAt), r.startedAt);
    }

    public Uni<Void> stopped(Recording r, UUID by) {
        return append(EventType.RECORDING_STOPPED, r.id, new Stopped(r.id, r.roomId, by, r.chunkCount, r.startedAt,
                r.stoppedAt), r.stoppedAt);
    }

    public Uni<Void> completed(Recording r) {
        return append(EventType.RECORDING_COMPLETED, r.id, new Completed(r.id, r.roomId, r.courseId, r.ownerId,
                r.title, r.source, r.storageKey, r.mimeType, r.sizeBytes, r.durationSeconds, r.width, r.height,
                r.videoCodec, r.audioCodec, r.container, r.fps, r.bitrate, r.videoCodec != null,
                r.audioCodec != null, r.completedAt), r.completedAt);
    }

    public Uni<Void> failed(Recording r, Instant at) {
        return append(EventType.RECORDING_FAILED, r.id, new Failed(r.id, r.roomId, r.errorStage, r.errorMessage, at), at);
    }

    public Uni<Void> deleted(Recording r) {
        return append(EventType.RECORDING_DELETED, r.id, new Deleted(r.id, r.deletedBy, r.deletedAt), r.deletedAt);
    }

    private Uni<Void> append(EventType type, UUID recordingId, Object payload, Instant at) {
        return outbox.append(type, recordingId.toString(), payload, at).replaceWithVoid();
    }
}
