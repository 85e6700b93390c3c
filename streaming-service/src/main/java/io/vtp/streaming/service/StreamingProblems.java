package io.vtp.streaming.service;

import io.vtp.kit.problem.ProblemKind;

/** streaming-service's own problem types (https://vtp.io/problems/<slug>); slugs are public API. */
public final class StreamingProblems {

    public static final ProblemKind NOT_READY = ProblemKind.of("media-not-ready",
            "The recording cannot be streamed yet", 409);
    public static final ProblemKind TRANSCODE_ACTIVE = ProblemKind.of("transcode-in-progress",
            "A transcode of this recording is already queued or running", 409);
    public static final ProblemKind NO_ACTIVE_TRANSCODE = ProblemKind.of("no-active-transcode",
            "No transcode of this recording is queued or running", 409);
    public static final ProblemKind PLAYBACK_TOKEN_INVALID = ProblemKind.of("playback-token-invalid",
            "The playback link is invalid or has expired", 403);

    private StreamingProblems() {
    }
}
