package io.vtp.streaming.media;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The HLS master playlist of a ladder (RFC 8216bis): one variant per video rung with CODECS,
 * RESOLUTION, FRAME-RATE, BANDWIDTH (measured peak, audio included) and AVERAGE-BANDWIDTH, the AAC
 * rendition as an audio group, and an I-frame variant per rung for trick play. An audio-only ladder
 * has one audio variant. {@code uri} turns a file name of the ladder into the URI to list (relative,
 * with a token when served).
 */
public final class MasterPlaylist {

    private MasterPlaylist() {
    }

    public static String render(Ladder ladder, UnaryOperator<String> uri) {
        StringBuilder m = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        Ladder.Audio audio = ladder.audio();
        if (!ladder.hasVideo()) {
            m.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(audio.peakBandwidth())
                    .append(",AVERAGE-BANDWIDTH=").append(audio.averageBandwidth())
                    .append(",CODECS=\"").append(audio.codecs()).append("\"\n")
                    .append(uri.apply(audio.playlist())).append('\n');
            return m.toString();
        }
        if (audio != null) {
            m.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Audio\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"")
                    .append(audio.channels()).append("\",URI=\"").append(uri.apply(audio.playlist())).append("\"\n");
        }
        for (Ladder.Variant v : ladder.video()) {
            long peak = v.peakBandwidth() + (audio == null ? 0 : audio.peakBandwidth());
            long average = v.averageBandwidth() + (audio == null ? 0 : audio.averageBandwidth());
            m.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(peak).append(",AVERAGE-BANDWIDTH=").append(average)
                    .append(",CODECS=\"").append(v.codecs()).append(audio == null ? "" : "," + audio.codecs()).append('"')
                    .append(",RESOLUTION=").append(v.width()).append('x').append(v.height());
            if (v.frameRate() != null) {
                m.append(",FRAME-RATE=").append(v.frameRate());
            }
            if (audio != null) {
                m.append(",AUDIO=\"aac\"");
            }
            m.append('\n').append(uri.apply(v.playlist())).append('\n');
        }
        for (Ladder.Variant v : ladder.video()) {
            m.append(String.format(Locale.ROOT, "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=%d,CODECS=\"%s\",RESOLUTION=%dx%d,URI=\"%s\"%n",
                    Math.max(1, v.iframeBandwidth()), v.codecs(), v.width(), v.height(), uri.apply(v.iframePlaylist())));
        }
        return m.toString();
    }
}
