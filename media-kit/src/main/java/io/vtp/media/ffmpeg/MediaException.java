package io.vtp.media.ffmpeg;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Media that could not be taken in or turned into something else, with the stage that refused it and a short
 * reason that is safe to show to the person who owns it: the message never holds file system paths, temporary
 * names or raw FFmpeg output. The cause, if any, is for logs only. No stack trace is captured; these are expected
 * outcomes, not bugs.
 *
 * <p>The stages used here are {@link #PROBE}, {@link #VALIDATION} and {@link #STORAGE}; a service names its own
 * (recording-service: assembly, remux; streaming-service: transcode, package) as lower-case words.
 */
public class MediaException extends Exception {

    /** Reading what the file holds (ffprobe). */
    public static final String PROBE = "probe";
    /** Checking what the file holds against {@link MediaRules}. */
    public static final String VALIDATION = "validation";
    /** Keeping the result in, or reading the source from, the media store. */
    public static final String STORAGE = "storage";

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z_]{0,31}");
    private static final long serialVersionUID = 1L;

    private final String stage;

    /**
     * @param stage a lower-case word naming the stage, e.g. {@link #PROBE}
     * @param reason a short sentence for users, without paths or tool output
     */
    public MediaException(String stage, String reason) {
        this(stage, reason, null);
    }

    /**
     * @param stage a lower-case word naming the stage, e.g. {@link #PROBE}
     * @param reason a short sentence for users, without paths or tool output
     * @param cause what went wrong underneath, for logs; may be null
     */
    public MediaException(String stage, String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause, false, false);
        if (stage == null || !STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("a stage is a lower-case word, not: " + stage);
        }
        this.stage = stage;
    }

    /** The stage that refused the media. */
    public String stage() {
        return stage;
    }
}
