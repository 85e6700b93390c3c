package io.vtp.media.ffmpeg;

/**
 * The raw account of a failed ffmpeg or ffprobe run, kept as the cause of a {@link MediaException} for logs only:
 * unlike the exception's message it may hold paths and FFmpeg's own wording.
 */
public final class ToolFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public ToolFailure(String tool, ToolProcess.Outcome outcome) {
        super(tool + " exited with " + outcome.exitCode() + ": " + outcome.stderr().strip(), null, false, false);
    }
}
