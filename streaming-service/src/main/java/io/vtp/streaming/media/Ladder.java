package io.vtp.streaming.media;

import java.util.List;

/**
 * A finished ladder as measured from its files: what the master playlist and the media.ready event
 * say about it. Stored as JSON beside the published renditions.
 *
 * @param video   the video variants, lowest first; empty when the source had no picture
 * @param audio   the audio rendition, or null when the source had no sound
 * @param sprites the scrubbing previews, or null
 */
public record Ladder(double durationSeconds, List<Variant> video, Audio audio, Sprites sprites) {

    /**
     * One video variant. Bandwidths in bits per second of the video alone: peak over any segment and
     * average over the whole rendition.
     */
    public record Variant(String name, int width, int height, int bitrateKbps, String codecs, String frameRate,
                          long peakBandwidth, long averageBandwidth, String playlist, String iframePlaylist,
                          long iframeBandwidth) {
    }

    public record Audio(String codecs, int channels, long peakBandwidth, long averageBandwidth, String playlist) {
    }

    /** Preview sheets of {@code columns} x {@code rows} tiles of {@code width} x {@code height}, one every {@code interval} s. */
    public record Sprites(String track, int count, int interval, int width, int height, int columns, int rows) {
    }

    public boolean hasVideo() {
        return !video.isEmpty();
    }
}
