package io.vtp.media.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes small media files for tests with the bundled ffmpeg: a 320x240 test pattern and a 440 Hz tone, encoded
 * with the fastest settings (a 2 s sample takes a few tenths of a second). Every method writes into the given
 * folder (a {@code @TempDir}) and returns the file.
 */
public final class MediaSamples {

    private static final String PATTERN = "testsrc=size=%dx%d:rate=25";
    private static final String TONE = "sine=frequency=440:sample_rate=48000";
    private static final List<String> VP8 = List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-pix_fmt", "yuv420p");
    private static final List<String> VP9 = List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-pix_fmt", "yuv420p");
    private static final List<String> OPUS = List.of("-c:a", "libopus", "-b:a", "48k");

    private MediaSamples() {
    }

    /** The bundled executables. */
    public static FfmpegBinaries binaries() {
        return FfmpegBinaries.bundled();
    }

    /**
     * WebM as a browser's MediaRecorder writes it: VP8 and Opus, clusters of unknown size, no duration and no cues
     * (the muxer's live mode).
     */
    public static Path mediaRecorderWebm(Path dir, double seconds) {
        Path out = dir.resolve("recorder.webm");
        List<String> args = new ArrayList<>(lavfi(320, 240, true, seconds));
        args.addAll(VP8);
        args.addAll(OPUS);
        args.addAll(List.of("-f", "webm", "-live", "1"));
        return ffmpeg(args, out);
    }

    /** An ordinary WebM file: VP9 and Opus, with duration and cues. */
    public static Path webm(Path dir, double seconds) {
        return videoWebm(dir, "sample.webm", 320, 240, seconds, true);
    }

    /** A VP9 WebM of the given picture size, with or without an Opus track. */
    public static Path videoWebm(Path dir, String name, int width, int height, double seconds, boolean withAudio) {
        List<String> args = new ArrayList<>(lavfi(width, height, withAudio, seconds));
        args.addAll(VP9);
        if (withAudio) {
            args.addAll(OPUS);
        }
        args.addAll(List.of("-f", "webm"));
        return ffmpeg(args, dir.resolve(name));
    }

    /** H.264 and AAC in MP4, written the default way: the index (moov) after the media data (mdat). */
    public static Path mp4(Path dir, double seconds) {
        List<String> args = new ArrayList<>(lavfi(320, 240, true, seconds));
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-f", "mp4"));
        return ffmpeg(args, dir.resolve("sample.mp4"));
    }

    /** Opus alone in WebM, as MediaRecorder writes an audio-only lecture (but with duration and cues). */
    public static Path audioOnlyWebm(Path dir, double seconds) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", TONE, "-t", seconds(seconds)));
        args.addAll(OPUS);
        args.addAll(List.of("-f", "webm"));
        return ffmpeg(args, dir.resolve("audio.webm"));
    }

    /** MP3 with a PNG cover picture (a video stream marked as attached picture). */
    public static Path mp3WithCoverArt(Path dir, double seconds) {
        return ffmpeg(List.of(
                // one picture a second for one second: -frames:v 1 would end the whole output after that frame
                "-f", "lavfi", "-i", "testsrc=size=64x64:rate=1:duration=1", "-f", "lavfi", "-i", TONE,
                "-map", "1:a", "-map", "0:v", "-t", seconds(seconds),
                "-c:a", "libmp3lame", "-b:a", "64k", "-c:v", "png", "-disposition:v", "attached_pic",
                "-id3v2_version", "3", "-f", "mp3"), dir.resolve("cover.mp3"));
    }

    /** One PNG picture. */
    public static Path png(Path dir, String name) {
        return ffmpeg(List.of("-f", "lavfi", "-i", PATTERN.formatted(32, 32), "-frames:v", "1", "-c:v", "png",
                "-f", "image2"), dir.resolve(name));
    }

    /**
     * A Matroska file whose header declares a {@code width}x{@code height} VP9 video (each 256..65535), cut just
     * after the start of the first cluster: a header plus a few bytes, so no frame can be decoded and the declared
     * size is all there is. Made by encoding 320x256 and rewriting the PixelWidth and PixelHeight elements in place.
     */
    public static Path declaredSize(Path dir, String name, int width, int height) {
        if (width < 256 || width > 0xFFFF || height < 256 || height > 0xFFFF) {
            throw new IllegalArgumentException("sizes from 256 to 65535 only");
        }
        Path source = videoWebm(dir, "declared-source.webm", 320, 256, 0.2, false);
        try {
            byte[] bytes = Files.readAllBytes(source);
            int cluster = indexOf(bytes, HexFormat.of().parseHex("1F43B675"), 0);
            if (cluster < 0) {
                throw new IllegalStateException("no cluster in the sample");
            }
            byte[] cut = java.util.Arrays.copyOf(bytes, cluster + 64);
            replaceInHeader(cut, cluster, "B0820140", "B082%04X".formatted(width)); // PixelWidth = 320, two-byte value
            replaceInHeader(cut, cluster, "BA820100", "BA82%04X".formatted(height)); // PixelHeight = 256, two-byte value
            Path out = dir.resolve(name);
            Files.write(out, cut);
            Files.delete(source);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Matroska/WebM file has a Cues element (the seek index), and where: the byte offset, or -1. */
    public static int cuesOffset(Path file) throws IOException {
        return indexOf(Files.readAllBytes(file), HexFormat.of().parseHex("1C53BB6B"), 0);
    }

    /** The byte offset of the first Cluster of a Matroska/WebM file, or -1. */
    public static int firstClusterOffset(Path file) throws IOException {
        return indexOf(Files.readAllBytes(file), HexFormat.of().parseHex("1F43B675"), 0);
    }

    /** The offset of the first top-level MP4 box of the given type, or -1. */
    public static long topLevelBoxOffset(Path file, String type) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long at = 0;
        while (at + 8 <= bytes.length) {
            int i = (int) at;
            long size = ((bytes[i] & 0xFFL) << 24) | ((bytes[i + 1] & 0xFFL) << 16) | ((bytes[i + 2] & 0xFFL) << 8) | (bytes[i + 3] & 0xFFL);
            String boxType = new String(bytes, i + 4, 4, StandardCharsets.US_ASCII);
            if (boxType.equals(type)) {
                return at;
            }
            if (size == 1 && i + 16 <= bytes.length) {
                size = 0;
                for (int k = 8; k < 16; k++) {
                    size = size << 8 | (bytes[i + k] & 0xFFL);
                }
            }
            if (size < 8) {
                return -1;
            }
            at += size;
        }
        return -1;
    }

    /** Runs the bundled ffmpeg with the given arguments and the output file last; fails the test if it fails. */
    public static Path ffmpeg(List<String> args, Path out) {
        List<String> command = new ArrayList<>(List.of(binaries().ffmpeg().toString(), "-hide_banner", "-nostdin",
                "-v", "error", "-y"));
        command.addAll(args);
        command.add(out.toAbsolutePath().toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg took longer than 60 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + command + "\n" + new String(stderr, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lavfi(int width, int height, boolean withAudio, double seconds) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", PATTERN.formatted(width, height)));
        if (withAudio) {
            args.addAll(List.of("-f", "lavfi", "-i", TONE));
        }
        args.addAll(List.of("-t", seconds(seconds)));
        return args;
    }

    private static String seconds(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.3f", seconds);
    }

    private static void replaceInHeader(byte[] bytes, int headerEnd, String fromHex, String toHex) {
        byte[] from = HexFormat.of().parseHex(fromHex);
        byte[] to = HexFormat.of().parseHex(toHex);
        byte[] header = java.util.Arrays.copyOf(bytes, headerEnd);
        int at = indexOf(header, from, 0);
        if (at < 0 || indexOf(header, from, at + 1) >= 0) {
            throw new IllegalStateException("expected exactly one " + fromHex);
        }
        System.arraycopy(to, 0, bytes, at, to.length);
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
