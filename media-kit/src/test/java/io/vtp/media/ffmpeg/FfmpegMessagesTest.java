package io.vtp.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FfmpegMessagesTest {

    private static final Map<String, String> PATHS = Map.of(
            "/tmp/rec-123/chunks.webm", "input", "/tmp/rec-123/out/media.webm", "output", "/tmp/rec-123/out", "the output folder");

    @Test
    void probeReasonsAreFixedSentences() {
        assertEquals("the file's format (hls) is not accepted; upload an audio or video file",
                FfmpegMessages.probeReason("[hls @ 0x55d017f0cc80] Format not on whitelist 'matroska,mov'\n"
                        + "file:/tmp/x/evil.m3u8: Invalid argument\n", null));
        String noMoov = "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\nfile:/a/b: Invalid data";
        assertEquals("the file is incomplete or damaged: its index (moov atom) is missing",
                FfmpegMessages.probeReason(noMoov, "mp4"));
        assertEquals("the file is not a recognised audio or video format", FfmpegMessages.probeReason(noMoov, null),
                "random bytes named .mp4 get the mov demuxer too");
        assertEquals("the file is not a recognised audio or video format",
                FfmpegMessages.probeReason("file:/tmp/x/rand.bin: Invalid data found when processing input\n", null));
        assertEquals("the file is not a recognised audio or video format", FfmpegMessages.probeReason(null, null));
    }

    @Test
    void theLastMeaningfulLineWithoutPathsOrAddresses() {
        String stderr = """
                [matroska,webm @ 0x55ae0fa5cc80] Something early
                [webm @ 0x5612aa] Only VP8 or VP9 or AV1 video and Vorbis or Opus audio and WebVTT subtitles are supported for WebM.
                [out#0/webm @ 0x5612ab] Could not write header (incorrect codec parameters ?): Invalid argument
                Error opening output file file:/tmp/rec-123/out/media.webm.
                Error opening output files: Invalid argument
                Conversion failed!
                """;
        assertEquals("Error opening output files: Invalid argument", FfmpegMessages.lastMeaningfulLine(stderr, PATHS));
        assertEquals("Error opening output file output.",
                FfmpegMessages.sanitise("Error opening output file file:/tmp/rec-123/out/media.webm.", PATHS));
        assertEquals("input: Invalid data found when processing input",
                FfmpegMessages.sanitise("file:/tmp/rec-123/chunks.webm: Invalid data found when processing input", PATHS));
        assertEquals("could not open a file: No such file",
                FfmpegMessages.sanitise("could not open /home/someone/.secret/x.y: No such file", PATHS));
        assertEquals("bitrate 234 kb/s, tb 1/25, N/A",
                FfmpegMessages.sanitise("bitrate 234 kb/s, tb 1/25, N/A", PATHS), "not paths");
        assertEquals("value at", FfmpegMessages.sanitise("value at 0x7ffce67ede90", PATHS));
    }

    @Test
    void capsLengthAndDropsControlCharacters() {
        String line = FfmpegMessages.sanitise("x".repeat(500) + "\u0000\t\u00e9", PATHS);
        assertEquals(FfmpegMessages.MAX_REASON, line.length());
        assertTrue(line.endsWith("..."));
        String odd = FfmpegMessages.sanitise("tag \u00e9t\u00e9\u0007 ok", PATHS);
        assertFalse(odd.chars().anyMatch(c -> c < 0x20 || c >= 0x7f), odd);
        assertNull(FfmpegMessages.lastMeaningfulLine("Conversion failed!\n\n", PATHS));
    }
}
