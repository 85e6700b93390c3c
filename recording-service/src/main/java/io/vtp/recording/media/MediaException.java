package io.vtp.recording.media;

import java.util.Objects;
import java.util.Set;

/**
 * A recording that could not be taken in, with the stage that refused it and a short reason that is safe to show
 * to the person who uploaded it: the message never holds file system paths, temporary names or raw FFmpeg output.
 * The cause, if any, is for logs only. No stack trace is captured; these are expected outcomes, not bugs.
 */
public class MediaException extends Exception {

    /** Joining uploaded chunks into one file. */
    public static final String ASSEMBLY = "assembly";
    /** Reading what the file holds (ffprobe). */
    public static final String PROBE = "probe";
    /** Rewriting the file into a well-formed container (ffmpeg). */
    public static final String REMUX = "remux";
    /** Checking what the file holds against {@link MediaRules}. */
    public static final String VALIDATION = "validation";
    /** Keeping the result in object storage. */
    public static final String STORAGE = "storage";

    private static final Set<String> STAGES = Set.of(ASSEMBLY, PROBE, REMUX, VALIDATION, STORAGE);
    private static final long serialVersionUID = 1L;

    private final String stage;

    /**
     * @param stage one of {@link #ASSEMBLY}, {@link #PROBE}, {@link #REMUX}, {@link #VALIDATION}, {@link #STORAGE}
     * @param reason a short sentence for users, without paths or tool output
     */
    public MediaException(String stage, String reason) {
        this(stage, reason, null);
    }

    /**
     * @param stage one of {@link #ASSEMBLY}, {@link #PROBE}, {@link #REMUX}, {@link #VALIDATION}, {@link #STORAGE}
     * @param reason a short sentence for users, without paths or tool output
     * @param cause what went wrong underneath, for logs; may be null
     */
    public MediaException(String stage, String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause, false, false);
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("unknown stage: " + stage);
        }
        this.stage = stage;
    }

    /** The stage that refused the file: {@link #ASSEMBLY}, {@link #PROBE}, {@link #REMUX}, {@link #VALIDATION} or {@link #STORAGE}. */
    public String stage() {
        return stage;
    }
}
