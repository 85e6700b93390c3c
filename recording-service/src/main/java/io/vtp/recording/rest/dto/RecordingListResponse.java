package io.vtp.recording.rest.dto;

import java.util.List;

/** {@code GET /api/v1/recordings}: one page and the total it is part of. */
public record RecordingListResponse(List<RecordingResponse> recordings, long total, int limit, int offset) {
}
