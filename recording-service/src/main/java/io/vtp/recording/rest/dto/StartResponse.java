package io.vtp.recording.rest.dto;

import io.vtp.recording.domain.Recording;

import java.time.Instant;
import java.util.UUID;

/** The started capture and where its chunks go. */
public record StartResponse(UUID recordingId, String status, String title, Instant startedAt, Upload upload) {

    /**
     * How to send media: {@code PUT} each MediaRecorder chunk to the template with {@code {seq}}
     * replaced by 0, 1, 2, ... (any order, retries harmless), then {@code POST stop_url}.
     */
    public record Upload(String chunkUrlTemplate, long maxChunkBytes, String stopUrl) {
    }

    public static StartResponse of(Recording r, long maxChunkBytes) {
        String base = "/api/v1/recordings/" + r.id;
        return new StartResponse(r.id, r.status, r.title, r.startedAt,
                new Upload(base + "/chunks/{seq}", maxChunkBytes, base + "/stop"));
    }
}
