package io.vtp.recording.media;

import io.vtp.media.ffmpeg.FfmpegMessages;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.media.ffmpeg.MediaSamples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that must be refused, each at the right stage with a reason a user can read. Every file goes through what
 * the service does with an upload: probe, check the input's streams, remux, check the output in full.
 */
class BadCorpusTest {

    @TempDir
    static Path dir;

    @TempDir
    Path out;

    private static MediaProbe probe;
    private static Remuxer remuxer;
    private static final MediaRules RULES = MediaRules.defaults();

    @BeforeAll
    static void setUp() {
        probe = new MediaProbe(MediaSamples.binaries(), Duration.ofSeconds(20));
        remuxer = new Remuxer(MediaSamples.binaries(), probe, Duration.ofSeconds(60));
    }

    /** Takes a file in as the service does, expecting a refusal; checks the reason is safe to show. */
    private MediaException refused(Path file) {
        MediaException e = assertThrows(MediaException.class, () -> {
            MediaInfo input = probe.probe(file);
            RULES.checkStreams(input);
            RemuxResult result = remuxer.remux(file, input, out);
            RULES.check(result.info());
        });
        String reason = e.getMessage();
        System.out.println(file.getFileName() + " -> [" + e.stage() + "] " + reason);
        assertFalse(reason.contains(dir.toString()) || reason.contains(out.toString()) || reason.contains("/tmp"),
                "no paths: " + reason);
        assertFalse(reason.contains(file.getFileName().toString()), "no file names: " + reason);
        assertFalse(reason.contains("\n"), "one line: " + reason);
        assertTrue(reason.length() <= FfmpegMessages.MAX_REASON, reason);
        return e;
    }

    private static void assertRefusal(String stage, String reason, MediaException e) {
        assertEquals(stage, e.stage(), e.getMessage());
        assertEquals(reason, e.getMessage());
    }

    @Test
    void zeroBytes() throws IOException {
        Path empty = Files.write(dir.resolve("empty.webm"), new byte[0]);
        assertRefusal(MediaException.PROBE, "the file is empty", refused(empty));
    }

    @Test
    void randomBytes() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path random = Files.write(dir.resolve("noise.mp4"), noise);
        assertRefusal(MediaException.PROBE, "the file is not a recognised audio or video format", refused(random));
    }

    @Test
    void truncatedMp4WithItsIndexAtTheEnd() throws IOException {
        Path mp4 = MediaSamples.mp4(dir, 2);
        byte[] bytes = Files.readAllBytes(mp4);
        Path half = Files.write(dir.resolve("half.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefusal(MediaException.PROBE, "the file is incomplete or damaged: its index (moov atom) is missing",
                refused(half));
    }

    @Test
    void zipAndPngAreNotMedia() throws IOException {
        Path zip = dir.resolve("lecture.webm");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(file)) {
            archive.putNextEntry(new ZipEntry("lecture.webm"));
            archive.write(Files.readAllBytes(MediaSamples.audioOnlyWebm(dir, 0.5)));
            archive.closeEntry();
        }
        assertRefusal(MediaException.PROBE, "the file is not a recognised audio or video format", refused(zip));

        Path png = MediaSamples.png(dir, "slide.mp4");
        assertRefusal(MediaException.PROBE, "the file's format (png_pipe) is not accepted; upload an audio or video file",
                refused(png));
    }

    @Test
    void textNamedWebm() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.webm"), "Lecture 3 notes\nthis is text, not a video\n");
        assertRefusal(MediaException.PROBE, "the file is not a recognised audio or video format", refused(text));
    }

    @Test
    void hugeDeclaredPictureSize() throws IOException {
        // Matroska declaring 20000x20000 (a header plus a few bytes): FFmpeg itself refuses to open a decoder for
        // that size and reports 0x0, so the probe takes the declared size from FFmpeg's error line
        Path mkv = MediaSamples.declaredSize(dir, "huge.webm", 20000, 20000);
        assertRefusal(MediaException.VALIDATION, "the video is 20000x20000; sizes from 16x16 to 8192x8192 are accepted",
                refused(mkv));
        // a size FFmpeg accepts but the rules do not
        Path big = MediaSamples.declaredSize(dir, "big.webm", 10000, 10000);
        assertRefusal(MediaException.VALIDATION, "the video is 10000x10000; sizes from 16x16 to 8192x8192 are accepted",
                refused(big));
        // YUV4MPEG declaring 20000x20000: raw video is not an accepted container, refused before any decoder runs
        Path y4m = dir.resolve("huge.y4m");
        Files.write(y4m, ("YUV4MPEG2 W20000 H20000 F25:1 Ip A1:1 C420jpeg\nFRAME\n" + "\u0080".repeat(64))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertRefusal(MediaException.PROBE, "the file's format (yuv4mpegpipe) is not accepted; upload an audio or video file",
                refused(y4m));
    }

    @Test
    void oneByOneVideo() {
        // libvpx-vp9 encodes 1x1 as it is; no patching needed
        Path tiny = MediaSamples.videoWebm(dir, "tiny.webm", 1, 1, 1, false);
        assertRefusal(MediaException.VALIDATION, "the video is 1x1; sizes from 16x16 to 8192x8192 are accepted",
                refused(tiny));
    }

    @Test
    void hostilePlaylistsReferencingLocalFiles() throws IOException {
        Path m3u8 = Files.writeString(dir.resolve("evil.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\n/etc/passwd\n#EXT-X-ENDLIST\n");
        assertRefusal(MediaException.PROBE, "the file's format (hls) is not accepted; upload an audio or video file",
                refused(m3u8));
        Path concat = Files.writeString(dir.resolve("evil.ffconcat"), "ffconcat version 1.0\nfile /etc/passwd\n");
        assertRefusal(MediaException.PROBE, "the file's format (concat) is not accepted; upload an audio or video file",
                refused(concat));
        // and ffmpeg refuses it on its own, even if handed a probe result that lies about the file
        MediaInfo lie = new MediaInfo("matroska,webm", 10, 100, null,
                new MediaInfo.VideoInfo("vp9", 320, 240, 25, "yuv420p"), null);
        MediaException e = assertThrows(MediaException.class, () -> remuxer.remux(m3u8, lie, out));
        System.out.println("evil.m3u8 handed to ffmpeg directly -> [" + e.stage() + "] " + e.getMessage());
        assertEquals(Stages.REMUX, e.stage());
        assertFalse(e.getMessage().contains(dir.toString()), e.getMessage());
        assertFalse(Files.exists(out.resolve("media.webm")), "nothing left behind");
    }

    @Test
    void noAudioNoVideo() {
        // an Ogg file holding only a subtitle-like data stream is hard to make; a probe result stands in for it
        MediaInfo nothing = new MediaInfo("ogg", 10, 100, null, null, null);
        MediaException e = assertThrows(MediaException.class, () -> remuxer.remux(dir.resolve("x.ogg"), nothing, out));
        assertRefusal(MediaException.VALIDATION, "the file holds neither audio nor video", e);
    }
}
