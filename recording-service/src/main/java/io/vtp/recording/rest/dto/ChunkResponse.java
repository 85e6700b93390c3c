package io.vtp.recording.rest.dto;

import io.vtp.recording.service.ChunkReceipt;

import java.util.UUID;

/** A stored chunk; {@code duplicate} when these bytes had been received before under this seq. */
public record ChunkResponse(UUID recordingId, int seq, int sizeBytes, String sha256, boolean duplicate) {

    public static ChunkResponse of(UUID recordingId, ChunkReceipt r) {
        return new ChunkResponse(recordingId, r.seq(), r.sizeBytes(), r.sha256(), r.duplicate());
    }
}
