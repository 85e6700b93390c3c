package io.vtp.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FfprobeJsonTest {

    private static MediaInfo parse(String json, String stderr) throws IOException {
        return FfprobeJson.parse(json.getBytes(StandardCharsets.UTF_8), 1234, stderr).orElseThrow();
    }

    @Test
    void readsFormatAndFirstStreamsIgnoringUnknownFields() throws IOException {
        MediaInfo info = parse("""
                {"programs": [], "streams": [
                  {"index": 0, "codec_name": "h264", "codec_type": "video", "width": 1280, "height": 720,
                   "pix_fmt": "yuv420p", "avg_frame_rate": "30000/1001", "r_frame_rate": "60/1", "new_field": {"x": 1}},
                  {"index": 1, "codec_name": "aac", "codec_type": "audio", "sample_rate": "44100", "channels": 2},
                  {"index": 2, "codec_name": "mp3", "codec_type": "audio", "sample_rate": "22050", "channels": 1},
                  {"index": 3, "codec_name": "mov_text", "codec_type": "subtitle"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "12.500000", "size": "99999",
                   "bit_rate": "64000", "probe_score": 100}}""", "");
        assertEquals("mov,mp4,m4a,3gp,3g2,mj2", info.containerFormat());
        assertEquals(12.5, info.durationSeconds());
        assertEquals(99999, info.sizeBytes());
        assertEquals(64000L, info.bitRate());
        assertEquals(new MediaInfo.VideoInfo("h264", 1280, 720, 30000.0 / 1001, "yuv420p"), info.video());
        assertEquals(new MediaInfo.AudioInfo("aac", 44100, 2), info.audio());
    }

    @Test
    void coverArtIsNotVideoAndMissingNumbersAreAbsent() throws IOException {
        MediaInfo info = parse("""
                {"streams": [
                  {"codec_name": "mjpeg", "codec_type": "video", "width": 500, "height": 500,
                   "disposition": {"default": 0, "attached_pic": 1}},
                  {"codec_name": "mp3", "codec_type": "audio", "sample_rate": "44100", "channels": 2}],
                 "format": {"format_name": "mp3", "bit_rate": "N/A"}}""", "");
        assertFalse(info.hasVideo());
        assertTrue(info.hasAudio());
        assertEquals(0, info.durationSeconds(), "no duration declared");
        assertEquals(1234, info.sizeBytes(), "the file's own size when ffprobe gives none");
        assertNull(info.bitRate());
    }

    @Test
    void frameRateFallsBackToRFrameRateAndDurationToTheLongestStream() throws IOException {
        MediaInfo info = parse("""
                {"streams": [{"codec_name": "vp8", "codec_type": "video", "width": 2, "height": 2,
                   "avg_frame_rate": "0/0", "r_frame_rate": "25/1", "duration": "3.5"}],
                 "format": {"format_name": "matroska,webm"}}""", "");
        assertEquals(25.0, info.video().fps());
        assertEquals(3.5, info.durationSeconds());
        assertNull(info.video().pixelFormat());
    }

    @Test
    void aPictureSizeFfmpegRefusedIsTakenFromItsErrorLine() throws IOException {
        MediaInfo info = parse("""
                {"streams": [{"codec_name": "vp9", "codec_type": "video", "width": 0, "height": 0}],
                 "format": {"format_name": "matroska,webm", "duration": "1.0"}}""",
                "[vp9 @ 0x5] [IMGUTILS @ 0x7f] Picture size 20000x20000 is invalid\n");
        assertEquals(20000, info.video().width());
        assertEquals(20000, info.video().height());
    }

    @Test
    void noFormatIsNoMedia() throws IOException {
        assertTrue(FfprobeJson.parse("{\n\n}".getBytes(StandardCharsets.UTF_8), 1, "").isEmpty());
        assertTrue(FfprobeJson.parse("{\"format\": {}}".getBytes(StandardCharsets.UTF_8), 1, "").isEmpty());
        assertThrows(IOException.class, () -> FfprobeJson.parse("not json".getBytes(StandardCharsets.UTF_8), 1, ""));
    }

    @Test
    void rates() {
        assertEquals(25.0, FfprobeJson.rate("25/1"));
        assertEquals(0.0, FfprobeJson.rate("0/0"));
        assertEquals(0.0, FfprobeJson.rate("1/0"));
        assertEquals(0.0, FfprobeJson.rate("x/y"));
        assertEquals(0.0, FfprobeJson.rate(null));
    }
}
