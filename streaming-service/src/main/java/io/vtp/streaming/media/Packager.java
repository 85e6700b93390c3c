package io.vtp.streaming.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what the dash muxer wrote into a publishable ladder: measures every rendition (peak and
 * average bandwidth from the segment sizes), cleans the variant playlists for VOD, writes an
 * I-frame playlist per video rung and the WebVTT track of the sprite sheets, and drops ffmpeg's own
 * master playlist (the service writes a better one per request, with tokens).
 */
public final class Packager {

    public static final String VTT = "thumbnails.vtt";
    private static final Pattern REPRESENTATION = Pattern.compile("<Representation\\s([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");
    private static final Pattern FRAME_RATE = Pattern.compile("<AdaptationSet[^>]*contentType=\"video\"[^>]*frameRate=\"(\\d+)(?:/(\\d+))?\"");
    private static final Pattern CHANNELS = Pattern.compile("audio_channel_configuration:2011\" value=\"(\\d+)\"");

    /** One segment of a rendition's playlist. */
    record Segment(double duration, String uri) {
    }

    private Packager() {
    }

    public static Ladder pack(Path out, LadderPlan plan, int thumbInterval, int thumbHeight) throws IOException {
        String mpd = Files.readString(out.resolve("manifest.mpd"));
        List<Map<String, String>> reps = new ArrayList<>();
        Matcher m = REPRESENTATION.matcher(mpd);
        while (m.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group(1));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            reps.add(attributes);
        }
        int expected = plan.video().size() + (plan.audio() ? 1 : 0);
        if (reps.size() != expected) {
            throw new IOException("the manifest lists " + reps.size() + " renditions, not " + expected);
        }
        String frameRate = frameRate(mpd);
        List<Ladder.Variant> video = new ArrayList<>();
        for (int i = 0; i < plan.video().size(); i++) {
            Map<String, String> rep = reps.get(i);
            List<Segment> segments = cleanPlaylist(out, i);
            long[] bw = bandwidth(out, segments);
            String iframes = "iframes_" + i + ".m3u8";
            long iframeBandwidth = writeIframePlaylist(out, i, segments, iframes);
            LadderPlan.Planned planned = plan.video().get(i);
            video.add(new Ladder.Variant(planned.name(), Integer.parseInt(rep.get("width")),
                    Integer.parseInt(rep.get("height")), planned.bitrateKbps(), rep.get("codecs"), frameRate,
                    bw[0], bw[1], "media_" + i + ".m3u8", iframes, iframeBandwidth));
        }
        Ladder.Audio audio = null;
        if (plan.audio()) {
            int i = plan.video().size();
            List<Segment> segments = cleanPlaylist(out, i);
            long[] bw = bandwidth(out, segments);
            Matcher c = CHANNELS.matcher(mpd);
            audio = new Ladder.Audio(reps.get(i).get("codecs"), c.find() ? Integer.parseInt(c.group(1)) : 2,
                    bw[0], bw[1], "media_" + i + ".m3u8");
        }
        Files.deleteIfExists(out.resolve("master.m3u8"));
        Ladder.Sprites sprites = plan.hasVideo() ? sprites(out, thumbInterval, thumbHeight, plan.durationSeconds()) : null;
        return new Ladder(plan.durationSeconds(), List.copyOf(video), audio, sprites);
    }

    /** Reads media_N.m3u8, drops the wall-clock PROGRAM-DATE-TIME tags and marks it VOD; returns its segments. */
    static List<Segment> cleanPlaylist(Path out, int index) throws IOException {
        Path file = out.resolve("media_" + index + ".m3u8");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Segment> segments = new ArrayList<>();
        StringBuilder clean = new StringBuilder();
        double pending = -1;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
            } else if (!line.startsWith("#")) {
                if (pending < 0 || !line.matches("seg-\\d+-\\d+\\.m4s")) {
                    throw new IOException("unexpected line in " + file.getFileName() + ": " + line);
                }
                segments.add(new Segment(pending, line));
                pending = -1;
            }
            clean.append(line).append('\n');
            if (line.startsWith("#EXT-X-TARGETDURATION")) {
                clean.append("#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
            }
        }
        if (segments.isEmpty()) {
            throw new IOException(file.getFileName() + " lists no segments");
        }
        Files.writeString(file, clean.toString(), StandardCharsets.UTF_8);
        return segments;
    }

    /** {peak, average} in bits per second. */
    static long[] bandwidth(Path out, List<Segment> segments) throws IOException {
        long peak = 0;
        long bytes = 0;
        double seconds = 0;
        for (Segment s : segments) {
            long size = Files.size(out.resolve(s.uri()));
            bytes += size;
            seconds += s.duration();
            if (s.duration() > 0.5) { // a sliver at the very end says nothing about the rate
                peak = Math.max(peak, (long) Math.ceil(size * 8 / s.duration()));
            }
        }
        long average = seconds > 0 ? (long) Math.ceil(bytes * 8 / seconds) : 0;
        return new long[] {Math.max(peak, average), average};
    }

    /** Writes an EXT-X-I-FRAMES-ONLY playlist over the rung's keyframes; returns its peak bandwidth. */
    static long writeIframePlaylist(Path out, int index, List<Segment> segments, String name) throws IOException {
        StringBuilder body = new StringBuilder();
        long peak = 0;
        double longest = 0;
        for (Segment s : segments) {
            List<Fragments.Fragment> fragments = Fragments.read(out.resolve(s.uri()));
            long total = fragments.stream().mapToLong(Fragments.Fragment::duration).sum();
            for (Fragments.Fragment f : fragments) {
                double seconds = total > 0 ? s.duration() * f.duration() / total : s.duration() / fragments.size();
                longest = Math.max(longest, seconds);
                if (seconds > 0.5) {
                    peak = Math.max(peak, (long) Math.ceil(f.iframeLength() * 8 / seconds));
                }
                body.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%n", seconds))
                        .append("#EXT-X-BYTERANGE:").append(f.iframeLength()).append('@').append(f.offset()).append('\n')
                        .append(s.uri()).append('\n');
            }
        }
        String playlist = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:" + (int) Math.ceil(longest)
                + "\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-I-FRAMES-ONLY\n"
                + "#EXT-X-MAP:URI=\"init-" + index + ".m4s\"\n" + body + "#EXT-X-ENDLIST\n";
        Files.writeString(out.resolve(name), playlist, StandardCharsets.UTF_8);
        return peak;
    }

    /** Writes the WebVTT track over sprite-NNN.jpg; the sheets themselves are made by {@link LadderCommand#tile}. */
    static Ladder.Sprites sprites(Path out, int interval, int height, double duration) throws IOException {
        long sheets;
        try (Stream<Path> files = Files.list(out)) {
            sheets = files.filter(p -> p.getFileName().toString().matches("sprite-\\d{3}\\.jpg")).count();
        }
        if (sheets == 0) {
            return null;
        }
        int perSheet = LadderCommand.SPRITE_COLUMNS * LadderCommand.SPRITE_ROWS;
        int frames = (int) Math.ceil(duration / interval);
        frames = (int) Math.min(frames, sheets * perSheet);
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int k = 0; k < frames; k++) {
            double from = (double) k * interval;
            double to = Math.min(duration, from + interval);
            int sheet = k / perSheet + 1;
            int tile = k % perSheet;
            int x = (tile % LadderCommand.SPRITE_COLUMNS) * LadderCommand.THUMB_WIDTH;
            int y = (tile / LadderCommand.SPRITE_COLUMNS) * height;
            vtt.append(time(from)).append(" --> ").append(time(to)).append('\n')
                    .append(String.format(Locale.ROOT, "sprite-%03d.jpg#xywh=%d,%d,%d,%d", sheet, x, y,
                            LadderCommand.THUMB_WIDTH, height)).append("\n\n");
        }
        Files.writeString(out.resolve(VTT), vtt.toString(), StandardCharsets.UTF_8);
        return new Ladder.Sprites(VTT, (int) sheets, interval, LadderCommand.THUMB_WIDTH, height,
                LadderCommand.SPRITE_COLUMNS, LadderCommand.SPRITE_ROWS);
    }

    private static String frameRate(String mpd) {
        Matcher m = FRAME_RATE.matcher(mpd);
        if (!m.find()) {
            return null;
        }
        double num = Double.parseDouble(m.group(1));
        double den = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
        return String.format(Locale.ROOT, "%.3f", num / den);
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
    }
}
