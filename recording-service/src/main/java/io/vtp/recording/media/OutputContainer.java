package io.vtp.recording.media;

import io.vtp.media.ffmpeg.MediaInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The container a file is remuxed into, chosen from what it holds so that no stream has to be re-encoded. */
enum OutputContainer {
    /** Matroska input whose streams are all WebM codecs. */
    WEBM("webm", List.of("-cues_to_front", "1"), "webm", "webm", "video/webm", "audio/webm"),
    /** MP4 or QuickTime input whose streams MP4 can hold; the index goes before the media data. */
    MP4("mp4", List.of("-movflags", "+faststart"), "mp4", "m4a", "video/mp4", "audio/mp4"),
    /** Anything else: Matroska holds any codec FFmpeg can copy. */
    MATROSKA("matroska", List.of(), "mkv", "mkv", "video/x-matroska", "audio/x-matroska");

    private static final Set<String> WEBM_CODECS = Set.of("vp8", "vp9", "av1", "opus", "vorbis");
    private static final Set<String> MP4_VIDEO_CODECS = Set.of("h264", "hevc", "av1", "vp9", "mpeg4");
    private static final Set<String> MP4_AUDIO_CODECS = Set.of("aac", "mp3", "opus", "flac", "alac", "ac3", "eac3");

    final String muxer;
    final List<String> muxerOptions;
    private final String videoExtension;
    private final String audioExtension;
    private final String videoMime;
    private final String audioMime;

    OutputContainer(String muxer, List<String> muxerOptions, String videoExtension, String audioExtension,
            String videoMime, String audioMime) {
        this.muxer = muxer;
        this.muxerOptions = muxerOptions;
        this.videoExtension = videoExtension;
        this.audioExtension = audioExtension;
        this.videoMime = videoMime;
        this.audioMime = audioMime;
    }

    String extension(boolean hasVideo) {
        return hasVideo ? videoExtension : audioExtension;
    }

    String mimeType(boolean hasVideo) {
        return hasVideo ? videoMime : audioMime;
    }

    /** The container for a probed input (of which only the first video and first audio stream are kept). */
    static OutputContainer forInput(MediaInfo input) {
        List<String> names = Arrays.asList(input.containerFormat().split(","));
        String video = input.hasVideo() ? input.video().codec() : null;
        String audio = input.hasAudio() ? input.audio().codec() : null;
        if ((names.contains("matroska") || names.contains("webm"))
                && (video == null || WEBM_CODECS.contains(video))
                && (audio == null || WEBM_CODECS.contains(audio))) {
            return WEBM;
        }
        if ((names.contains("mov") || names.contains("mp4"))
                && (video == null || MP4_VIDEO_CODECS.contains(video))
                && (audio == null || MP4_AUDIO_CODECS.contains(audio))) {
            return MP4;
        }
        return MATROSKA;
    }
}
