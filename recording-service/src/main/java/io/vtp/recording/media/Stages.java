package io.vtp.recording.media;

/** The stages of taking in a recording that recording-service adds to {@link io.vtp.media.ffmpeg.MediaException}'s own. */
public final class Stages {

    /** Joining uploaded chunks into one file. */
    public static final String ASSEMBLY = "assembly";
    /** Rewriting the file into a well-formed container (ffmpeg). */
    public static final String REMUX = "remux";

    private Stages() {
    }
}
