package io.vtp.recording.service;

import io.vtp.kit.problem.ProblemKind;

/** recording-service's own problem types (https://vtp.io/problems/<slug>); slugs are public API. */
public final class RecordingProblems {

    public static final ProblemKind NOT_RECORDING = ProblemKind.of("recording-not-active",
            "Recording is not accepting chunks", 409);
    public static final ProblemKind CHUNK_CONFLICT = ProblemKind.of("chunk-conflict",
            "A different chunk with this sequence number was already received", 409);
    public static final ProblemKind NOT_READY = ProblemKind.of("recording-not-ready",
            "Recording has no media to download yet", 409);
    public static final ProblemKind UNSUPPORTED_MEDIA = ProblemKind.of("unsupported-media",
            "Not an audio or video file", 415);
    public static final ProblemKind DOWNLOAD_LINK_INVALID = ProblemKind.of("download-link-invalid",
            "Download link is invalid or expired", 403);
    public static final ProblemKind UPLOAD_OFFSET_MISMATCH = ProblemKind.of("upload-offset-mismatch",
            "Upload-Offset does not match the upload's offset", 409);
    public static final ProblemKind UPLOAD_BUSY = ProblemKind.of("upload-busy",
            "Another request is writing to this upload", 423);
    public static final ProblemKind TUS_VERSION = ProblemKind.of("tus-version-unsupported",
            "Unsupported tus protocol version", 412);
    public static final ProblemKind UPLOAD_INCOMPLETE = ProblemKind.of("upload-incomplete",
            "The request body ended before the announced length", 400);

    private RecordingProblems() {
    }
}
