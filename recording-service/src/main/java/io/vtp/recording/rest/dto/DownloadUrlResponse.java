package io.vtp.recording.rest.dto;

import java.time.Instant;

/** A link that downloads the recording without an Authorization header until {@code expires_at}. */
public record DownloadUrlResponse(String downloadUrl, Instant expiresAt) {
}
