package io.vtp.recording.rest.dto;

import io.vtp.recording.domain.Recording;

import java.util.UUID;

/** {@code GET /api/v1/recordings/{id}/info}: what ffprobe found in the stored file. */
public record InfoResponse(UUID recordingId, String mimeType, String format, String container, long sizeBytes,
                           double durationSeconds, Long bitrate, boolean hasVideo, boolean hasAudio, Video video,
                           Audio audio) {

    public record Video(String codec, Integer width, Integer height, Double fps) {
    }

    public record Audio(String codec, Integer sampleRate, Integer channels) {
    }

    public static InfoResponse of(Recording r) {
        return new InfoResponse(r.id, r.mimeType, RecordingResponse.format(r), r.container, r.sizeBytes,
                r.durationSeconds, r.bitrate, r.videoCodec != null, r.audioCodec != null,
                r.videoCodec == null ? null : new Video(r.videoCodec, r.width, r.height, r.fps),
                r.audioCodec == null ? null : new Audio(r.audioCodec, r.sampleRate, r.channels));
    }
}
