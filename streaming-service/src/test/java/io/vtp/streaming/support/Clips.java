package io.vtp.streaming.support;

import io.vtp.media.ffmpeg.MediaSamples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test sources made by the bundled FFmpeg on first use (kept for the test run): a moving picture
 * with sound, a screen-content clip (static slides with small changes), sound alone, a picture
 * alone, and a corpus of bad sources.
 */
public final class Clips {

    private static final Path DIR = Path.of("target", "clips");

    private Clips() {
    }

    /** 4 s of 1280x720 at 30 fps (testsrc2) with a tone: H.264 and AAC in MP4. */
    public static synchronized Path motion720() {
        return make("motion-720p.mp4", List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k"));
    }

    /**
     * 6 s of lecture slides at 1280x720 (white page, grid, a black bar that moves every 2 s) with a
     * tone, as VP8/Opus WebM, as a browser records it.
     */
    public static synchronized Path slides() {
        return make("slides-720p.webm", List.of("-f", "lavfi", "-i",
                "color=c=white:s=1280x720:r=30,drawgrid=w=160:h=90:t=2:c=gray,"
                        + "drawbox=x='100+200*floor(t/2)':y=300:w=300:h=40:color=black:t=fill",
                "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000", "-t", "6",
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "800k", "-pix_fmt", "yuv420p",
                "-c:a", "libopus", "-b:a", "48k"));
    }

    /** 5 s of a tone, Opus in WebM: an audio-only lecture. */
    public static synchronized Path audioOnly() {
        return make("audio-only.webm", List.of("-f", "lavfi", "-i", "sine=frequency=520:sample_rate=48000", "-t", "5",
                "-c:a", "libopus", "-b:a", "48k"));
    }

    /** 3 s of 480x270 picture without sound (a portrait-free, odd-ratio check: 480x270 is 16:9). */
    public static synchronized Path silent() {
        return make("silent.mp4", List.of("-f", "lavfi", "-i", "testsrc2=size=480x270:rate=25", "-t", "3",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    /** 30 s of 1280x720 at 30 fps with a tone: long enough to be caught encoding (cancel, takeover). */
    public static synchronized Path long720() {
        return make("long-720p.mp4", List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k"));
    }

    /** The first third of {@link #motion720()}: the index (at the end) is gone. */
    public static synchronized Path truncated() {
        return derive("truncated.mp4", bytes -> java.util.Arrays.copyOf(bytes, bytes.length / 3));
    }

    /** {@link #motion720()} with its media data overwritten: the container opens, the decoder chokes. */
    public static synchronized Path corrupt() {
        return derive("corrupt.mp4", bytes -> {
            byte[] copy = bytes.clone();
            long mdat = offsetOf(copy, "mdat");
            for (int i = (int) mdat + 64; i < copy.length - 64; i += 7) {
                copy[i] = (byte) (i * 31);
            }
            return copy;
        });
    }

    /** Zero bytes. */
    public static synchronized Path empty() {
        return derive("empty.mp4", bytes -> new byte[0]);
    }

    /** A WebM header declaring 20000x20000 pixels. */
    public static synchronized Path absurd() {
        return MediaSamples.declaredSize(dir(), "absurd.webm", 20000, 20000);
    }

    /** Text with a video's name. */
    public static synchronized Path notMedia() {
        Path file = dir().resolve("notes.mp4");
        try {
            Files.writeString(file, "these are lecture notes, not a video\n".repeat(100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path make(String name, List<String> args) {
        Path out = dir().resolve(name);
        if (!Files.exists(out)) {
            MediaSamples.ffmpeg(args, out);
        }
        return out;
    }

    private static Path derive(String name, java.util.function.UnaryOperator<byte[]> change) {
        Path out = dir().resolve(name);
        try {
            Files.write(out, change.apply(Files.readAllBytes(motion720())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static long offsetOf(byte[] bytes, String box) {
        byte[] type = box.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 4; i + 4 <= bytes.length; i++) {
            if (bytes[i] == type[0] && bytes[i + 1] == type[1] && bytes[i + 2] == type[2] && bytes[i + 3] == type[3]) {
                return i;
            }
        }
        throw new IllegalStateException("no " + box);
    }

    private static Path dir() {
        try {
            return Files.createDirectories(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
