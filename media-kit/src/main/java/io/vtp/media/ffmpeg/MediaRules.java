package io.vtp.media.ffmpeg;

import java.util.Locale;

/**
 * What a recording must be to be kept: audio, video or both, a picture size within bounds and a playable duration
 * within bounds. An audio-only file (a lecture recorded without camera) and a video-only file are both valid.
 * Immutable and thread-safe.
 */
public final class MediaRules {

    public static final String NO_STREAMS = "the file holds neither audio nor video";

    private final int minDimension;
    private final int maxDimension;
    private final double minDurationSeconds;
    private final double maxDurationSeconds;

    /**
     * @param minDimension smallest accepted width and height in pixels
     * @param maxDimension largest accepted width and height in pixels
     * @param minDurationSeconds shortest accepted duration
     * @param maxDurationSeconds longest accepted duration
     */
    public MediaRules(int minDimension, int maxDimension, double minDurationSeconds, double maxDurationSeconds) {
        if (minDimension < 1 || maxDimension < minDimension) {
            throw new IllegalArgumentException("need 1 <= minDimension <= maxDimension");
        }
        if (!(minDurationSeconds > 0) || !(maxDurationSeconds >= minDurationSeconds) || Double.isInfinite(maxDurationSeconds)) {
            throw new IllegalArgumentException("need 0 < minDurationSeconds <= maxDurationSeconds < infinity");
        }
        this.minDimension = minDimension;
        this.maxDimension = maxDimension;
        this.minDurationSeconds = minDurationSeconds;
        this.maxDurationSeconds = maxDurationSeconds;
    }

    /** 16 to 8192 pixels a side, 0.1 s to 12 h. */
    public static MediaRules defaults() {
        return new MediaRules(16, 8192, 0.1, 12 * 3600);
    }

    /**
     * Checks a probed file: its streams, picture size and duration. Use it on what {@link Remuxer} wrote.
     *
     * @throws MediaException at stage {@link MediaException#VALIDATION}, with a reason naming what is wrong
     */
    public void check(MediaInfo info) throws MediaException {
        checkStreams(info);
        double duration = info.durationSeconds();
        if (!(duration >= minDurationSeconds)) {
            throw invalid("the media has no playable duration");
        }
        if (duration > maxDurationSeconds) {
            throw invalid("the media lasts " + describe(duration) + "; at most " + describe(maxDurationSeconds)
                    + " is accepted");
        }
    }

    /**
     * Checks everything but the duration: audio or video is present and the picture size is within bounds. Use it on
     * an upload before remuxing it, to refuse early what remuxing cannot mend; the duration is checked afterwards,
     * with {@link #check}, because a browser's MediaRecorder WebM declares none until it is remuxed.
     *
     * @throws MediaException at stage {@link MediaException#VALIDATION}, with a reason naming what is wrong
     */
    public void checkStreams(MediaInfo info) throws MediaException {
        if (!info.hasVideo() && !info.hasAudio()) {
            throw invalid(NO_STREAMS);
        }
        if (info.hasVideo()) {
            int width = info.video().width();
            int height = info.video().height();
            if (width <= 0 || height <= 0) {
                throw invalid("the video declares no usable picture size");
            }
            if (width < minDimension || height < minDimension || width > maxDimension || height > maxDimension) {
                throw invalid("the video is " + width + "x" + height + "; sizes from " + minDimension + "x" + minDimension
                        + " to " + maxDimension + "x" + maxDimension + " are accepted");
            }
        }
    }

    private static MediaException invalid(String reason) {
        return new MediaException(MediaException.VALIDATION, reason);
    }

    /** e.g. "12 h", "12 h 30 min", "12 h 5 s", "1 min 30 s", "45 s", "0.05 s". */
    static String describe(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.0f s", seconds).replace(".00 s", " s");
        }
        long whole = (long) Math.floor(seconds);
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long rest = whole % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h");
        }
        if (minutes > 0) {
            text.append(text.length() > 0 ? " " : "").append(minutes).append(" min");
        }
        if (rest > 0) {
            text.append(" ").append(rest).append(" s");
        }
        return text.toString();
    }
}
