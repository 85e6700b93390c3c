package io.vtp.recording.service;

/** A stored chunk; {@code duplicate} when the same bytes had been received before. */
public record ChunkReceipt(int seq, int sizeBytes, String sha256, boolean duplicate) {
}
