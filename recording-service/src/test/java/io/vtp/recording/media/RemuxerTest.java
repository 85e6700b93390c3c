package io.vtp.recording.media;

import io.vtp.media.ffmpeg.ContainerSniffer;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemuxerTest {

    private static final double SECONDS = 2.0;

    @TempDir
    static Path samples;

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

    @Test
    void mediaRecorderWebmGainsDurationAndCues() throws Exception {
        Path recorded = MediaSamples.mediaRecorderWebm(samples, SECONDS);
        MediaInfo before = probe.probe(recorded);
        assertEquals(0, before.durationSeconds(), "MediaRecorder-style WebM declares no duration");
        assertEquals(-1, MediaSamples.cuesOffset(recorded), "and has no cues");
        RULES.checkStreams(before);
        MediaException early = assertThrows(MediaException.class, () -> RULES.check(before));
        assertEquals("the media has no playable duration", early.getMessage());

        long start = System.nanoTime();
        RemuxResult result = remuxer.remux(recorded, out);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("remux + probe (input and output) of a " + SECONDS + " s MediaRecorder WebM: " + millis + " ms");

        assertEquals(out.resolve("media.webm"), result.file());
        assertEquals("webm", result.extension());
        assertEquals("video/webm", result.mimeType());
        assertEquals(SECONDS, result.info().durationSeconds(), 0.2);
        assertEquals("vp8", result.info().video().codec());
        assertEquals("opus", result.info().audio().codec());
        int cues = MediaSamples.cuesOffset(result.file());
        assertTrue(cues > 0, "the output has cues");
        assertTrue(cues < MediaSamples.firstClusterOffset(result.file()), "cues before the first cluster");
        RULES.check(result.info());
    }

    @Test
    void mp4KeepsH264AndAacAndMovesTheIndexToTheFront() throws Exception {
        Path mp4 = MediaSamples.mp4(samples, SECONDS);
        assertTrue(MediaSamples.topLevelBoxOffset(mp4, "moov") > MediaSamples.topLevelBoxOffset(mp4, "mdat"),
                "ffmpeg writes moov last by default");

        RemuxResult result = remuxer.remux(mp4, out);

        assertEquals("mp4", result.extension());
        assertEquals("video/mp4", result.mimeType());
        assertEquals("h264", result.info().video().codec());
        assertEquals("aac", result.info().audio().codec());
        assertEquals(SECONDS, result.info().durationSeconds(), 0.2);
        long moov = MediaSamples.topLevelBoxOffset(result.file(), "moov");
        long mdat = MediaSamples.topLevelBoxOffset(result.file(), "mdat");
        assertTrue(moov >= 0 && mdat > moov, "faststart: moov (" + moov + ") before mdat (" + mdat + ")");
        RULES.check(result.info());
    }

    @Test
    void audioOnlyWebmStaysAudioWebmAndIsValid() throws Exception {
        RemuxResult result = remuxer.remux(MediaSamples.audioOnlyWebm(samples, SECONDS), out);
        assertEquals("webm", result.extension());
        assertEquals("audio/webm", result.mimeType());
        assertFalse(result.info().hasVideo());
        assertEquals("opus", result.info().audio().codec());
        assertEquals(SECONDS, result.info().durationSeconds(), 0.2);
        RULES.check(result.info());
    }

    @Test
    void mp3WithCoverArtBecomesAudioOnlyMatroska() throws Exception {
        RemuxResult result = remuxer.remux(MediaSamples.mp3WithCoverArt(samples, SECONDS), out);
        assertEquals("mkv", result.extension());
        assertEquals("audio/x-matroska", result.mimeType());
        assertFalse(result.info().hasVideo(), "the cover picture is not carried over as video");
        assertEquals("mp3", result.info().audio().codec());
        RULES.check(result.info());
    }

    @Test
    void webmWithANonWebmCodecBecomesMatroska() throws Exception {
        // H.264 in Matroska: what Chrome's MediaRecorder writes for video/webm;codecs=h264
        Path mkv = MediaSamples.ffmpeg(java.util.List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "matroska"), samples.resolve("h264.mkv"));
        RemuxResult result = remuxer.remux(mkv, out);
        assertEquals("mkv", result.extension());
        assertEquals("video/x-matroska", result.mimeType());
        assertEquals("h264", result.info().video().codec());
    }

    @Test
    void aSecondRunReplacesTheOutput() throws Exception {
        Path webm = MediaSamples.webm(samples, 1);
        remuxer.remux(webm, out);
        RemuxResult again = remuxer.remux(webm, out);
        assertEquals(1.0, again.info().durationSeconds(), 0.2);
        try (var files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void sniffsWhatFfmpegWrites() throws IOException {
        assertEquals(java.util.Optional.of("matroska"), sniffFile(MediaSamples.audioOnlyWebm(samples, 0.5)));
        assertEquals(java.util.Optional.of("mp4"), sniffFile(MediaSamples.mp4(samples, 0.5)));
        assertEquals(java.util.Optional.of("mp3"), sniffFile(MediaSamples.mp3WithCoverArt(samples, 0.5)));
    }

    private static java.util.Optional<String> sniffFile(Path file) throws IOException {
        byte[] head = new byte[ContainerSniffer.HEAD_BYTES];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return ContainerSniffer.sniff(head, n);
    }
}
