package io.vtp.streaming.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg command line that makes a whole ladder: the source is decoded once, its frame
 * rate capped, and {@code split} feeds one {@code scale} per rung and one for the scrubbing
 * previews; every rung is encoded with libx264 as capped CRF (quality-targeted, with maxrate and
 * bufsize at the rung's bit rate) and keyframes forced every {@value #GOP_SECONDS} s, so GOPs are
 * closed and aligned across rungs; the audio is encoded once to AAC. The dash muxer writes CMAF
 * (fragmented MP4) segments of {@value #SEGMENT_SECONDS} s with a DASH manifest and HLS variant
 * playlists over the same files; a fragment starts at every keyframe, one per GOP (for the I-frame
 * playlists).
 * The preview frames are written one by one to {@code thumbs} and tiled into 10x10 sprite sheets
 * afterwards ({@link #tile}).
 *
 * <p>Output files in {@code out}: {@code manifest.mpd}, {@code media_N.m3u8}, {@code init-N.m4s},
 * {@code seg-N-00001.m4s}...; N is the stream's index: video rungs first
 * (lowest first), then audio.
 */
public final class LadderCommand {

    public static final int SEGMENT_SECONDS = 4;
    public static final int GOP_SECONDS = 2;
    public static final int SPRITE_COLUMNS = 10;
    public static final int SPRITE_ROWS = 10;
    public static final int THUMB_WIDTH = 160;

    /** How the rungs are encoded. */
    public record Settings(String preset, int crf, int audioKbps) {
    }

    private LadderCommand() {
    }

    /** Seconds between two preview frames: every 2 s, fewer for long sources (at most ~4 sheets). */
    public static int thumbInterval(double durationSeconds) {
        int perSheets = SPRITE_COLUMNS * SPRITE_ROWS * 4;
        return Math.max(2, (int) Math.ceil(durationSeconds / perSheets));
    }

    /** Height of a preview frame of a {@code width}x{@code height} picture ({@value #THUMB_WIDTH} wide, even). */
    public static int thumbHeight(LadderPlan.Planned top) {
        int h = (int) Math.round((double) THUMB_WIDTH * top.height() / top.width());
        return Math.max(2, h - (h % 2));
    }

    public static List<String> build(Path ffmpeg, Path source, Path out, Path thumbs, LadderPlan plan, Settings settings) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-nostats",
                "-loglevel", "error", "-progress", "pipe:1",
                "-protocol_whitelist", "file", "-i", "file:" + source.toAbsolutePath()));
        int n = plan.video().size();
        if (plan.hasVideo()) {
            String fps = String.format(Locale.ROOT, "%.3f", plan.fps());
            // setsar=r=sar keeps a declared sample aspect ratio and makes an undeclared one square (1:1): without one,
            // the dash muxer takes each rung's display aspect ratio from its rounded size (854x480 is not exactly
            // 16:9) and refuses the ladder; with one, scale adjusts each rung's SAR so they all show the same shape
            StringBuilder graph = new StringBuilder("[0:v:0]fps=fps='min(source_fps," + fps + ")',setsar=r=sar,split=" + (n + 1));
            for (int i = 0; i < n; i++) {
                graph.append("[v").append(i).append(']');
            }
            graph.append("[vs]");
            for (int i = 0; i < n; i++) {
                LadderPlan.Planned p = plan.video().get(i);
                // -2 keeps the aspect ratio with an even size; the dash muxer needs every rung to have exactly the
                // same display aspect ratio, so no setsar (it would round some rungs to another one)
                boolean landscape = p.width() >= p.height();
                graph.append(";[v").append(i).append("]scale=w=").append(landscape ? "-2" : Integer.toString(p.width()))
                        .append(":h=").append(landscape ? Integer.toString(p.height()) : "-2")
                        .append(":flags=bicubic,format=yuv420p[o").append(i).append(']');
            }
            LadderPlan.Planned top = plan.video().get(n - 1);
            graph.append(";[vs]fps=fps=1/").append(thumbInterval(plan.durationSeconds()))
                    .append(",scale=w=").append(THUMB_WIDTH).append(":h=").append(thumbHeight(top))
                    .append("[thumbs]");
            cmd.addAll(List.of("-filter_complex", graph.toString()));
            for (int i = 0; i < n; i++) {
                cmd.addAll(List.of("-map", "[o" + i + "]"));
            }
        }
        if (plan.audio()) {
            cmd.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", settings.audioKbps() + "k", "-ac", "2", "-ar", "48000"));
        }
        cmd.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1"));
        if (plan.hasVideo()) {
            int gop = (int) Math.max(1, Math.round(plan.fps() * GOP_SECONDS));
            cmd.addAll(List.of("-c:v", "libx264", "-preset", settings.preset(), "-profile:v", "high",
                    "-crf", Integer.toString(settings.crf()),
                    "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                    "-force_key_frames:v", "expr:gte(t,n_forced*" + GOP_SECONDS + ")"));
            for (int i = 0; i < n; i++) {
                int kbps = plan.video().get(i).bitrateKbps();
                cmd.addAll(List.of("-maxrate:v:" + i, kbps + "k", "-bufsize:v:" + i, (2 * kbps) + "k"));
            }
        }
        String sets = plan.hasVideo() && plan.audio() ? "id=0,streams=v id=1,streams=a"
                : plan.hasVideo() ? "id=0,streams=v" : "id=0,streams=a";
        cmd.addAll(List.of("-f", "dash", "-seg_duration", Integer.toString(SEGMENT_SECONDS),
                "-frag_type", plan.hasVideo() ? "duration" : "none", "-frag_duration", Integer.toString(GOP_SECONDS),
                "-use_template", "1", "-use_timeline", "1", "-single_file", "0", "-dash_segment_type", "mp4",
                "-hls_playlist", "1", "-adaptation_sets", sets,
                "-init_seg_name", "init-$RepresentationID$.m4s",
                "-media_seg_name", "seg-$RepresentationID$-$Number%05d$.m4s",
                out.resolve("manifest.mpd").toString()));
        if (plan.hasVideo()) {
            // single frames, tiled afterwards (tile in this graph would hold the dash output back until a sheet is full)
            cmd.addAll(List.of("-map", "[thumbs]", "-c:v", "mjpeg", "-q:v", "5", "-fps_mode", "passthrough",
                    "-f", "image2", thumbs.resolve("t-%05d.jpg").toString()));
        }
        return List.copyOf(cmd);
    }

    /** The second, cheap pass: the preview frames in {@code thumbs} tiled into {@code out/sprite-001.jpg}... */
    public static List<String> tile(Path ffmpeg, Path thumbs, Path out) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                "-framerate", "1", "-i", thumbs.resolve("t-%05d.jpg").toString(),
                "-vf", "tile=layout=" + SPRITE_COLUMNS + "x" + SPRITE_ROWS, "-fps_mode", "passthrough", "-q:v", "5",
                out.resolve("sprite-%03d.jpg").toString());
    }
}
