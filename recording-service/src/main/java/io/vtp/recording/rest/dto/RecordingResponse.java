package io.vtp.recording.rest.dto;

import io.vtp.recording.domain.Recording;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording as the API shows it (the shape of the earlier implementation where it made sense:
 * {@code started_by}, {@code duration_seconds}, {@code file_size_bytes}, {@code resolution},
 * {@code codecs}, {@code error_message}).
 */
public record RecordingResponse(UUID id, String title, String description, UUID roomId, UUID courseId, UUID startedBy,
                                String source, String status, Instant startedAt, Instant stoppedAt,
                                Instant completedAt, Double durationSeconds, Long fileSizeBytes, String mimeType,
                                String format, String resolution, Double frameRateFps, Long bitrateKbps,
                                String codecs, boolean hasVideo, boolean hasAudio, int chunkCount,
                                String errorStage, String errorMessage) {

    public static RecordingResponse of(Recording r) {
        String resolution = r.width != null && r.height != null ? r.width + "x" + r.height : null;
        String codecs = r.videoCodec == null ? r.audioCodec
                : r.audioCodec == null ? r.videoCodec : r.videoCodec + "," + r.audioCodec;
        return new RecordingResponse(r.id, r.title, r.description, r.roomId, r.courseId, r.ownerId, r.source, r.status,
                r.startedAt, r.stoppedAt, r.completedAt, r.durationSeconds, r.sizeBytes, r.mimeType, format(r),
                resolution, r.fps, r.bitrate == null ? null : Math.round(r.bitrate / 1000.0), codecs,
                r.videoCodec != null, r.audioCodec != null, r.chunkCount, r.errorStage, r.errorMessage);
    }

    /** The stored file's extension (webm, mp4, m4a, mkv), null before processing. */
    static String format(Recording r) {
        if (r.storageKey == null) {
            return null;
        }
        int dot = r.storageKey.lastIndexOf('.');
        return dot < 0 ? null : r.storageKey.substring(dot + 1);
    }
}
