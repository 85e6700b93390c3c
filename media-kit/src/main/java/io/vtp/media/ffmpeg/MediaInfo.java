package io.vtp.media.ffmpeg;

/**
 * What a media file holds, as ffprobe reads it: the container, its length and the first video and first audio
 * stream (attached pictures such as cover art are not counted as video).
 *
 * @param containerFormat ffprobe's {@code format_name}, e.g. {@code "matroska,webm"} or {@code "mov,mp4,m4a,3gp,3g2,mj2"}
 * @param durationSeconds the duration the container declares (or ffprobe estimates); {@code 0} when there is none
 * @param sizeBytes the file's size in bytes
 * @param bitRate the overall bit rate in bits per second, or null when unknown
 * @param video the first video stream, or null when there is none
 * @param audio the first audio stream, or null when there is none
 */
public record MediaInfo(
        String containerFormat,
        double durationSeconds,
        long sizeBytes,
        Long bitRate,
        VideoInfo video,
        AudioInfo audio) {

    /** Whether the file holds a video stream (cover art does not count). */
    public boolean hasVideo() {
        return video != null;
    }

    /** Whether the file holds an audio stream. */
    public boolean hasAudio() {
        return audio != null;
    }

    /**
     * The first video stream.
     *
     * @param codec ffprobe's {@code codec_name}, e.g. {@code "vp9"}, {@code "h264"}
     * @param width picture width in pixels as declared; {@code 0} when unknown
     * @param height picture height in pixels as declared; {@code 0} when unknown
     * @param fps frames per second from {@code avg_frame_rate}, else {@code r_frame_rate}; {@code 0} when unknown
     * @param pixelFormat ffprobe's {@code pix_fmt}, e.g. {@code "yuv420p"}; null when unknown
     */
    public record VideoInfo(String codec, int width, int height, double fps, String pixelFormat) {
    }

    /**
     * The first audio stream.
     *
     * @param codec ffprobe's {@code codec_name}, e.g. {@code "opus"}, {@code "aac"}
     * @param sampleRate samples per second; {@code 0} when unknown
     * @param channels number of channels; {@code 0} when unknown
     */
    public record AudioInfo(String codec, int sampleRate, int channels) {
    }
}
