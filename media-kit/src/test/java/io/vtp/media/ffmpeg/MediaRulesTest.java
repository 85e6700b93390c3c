package io.vtp.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MediaRulesTest {

    private static final MediaRules RULES = MediaRules.defaults();
    private static final MediaInfo.AudioInfo OPUS = new MediaInfo.AudioInfo("opus", 48000, 2);

    private static MediaInfo video(int width, int height, double seconds) {
        return new MediaInfo("matroska,webm", seconds, 1000, 8000L,
                new MediaInfo.VideoInfo("vp9", width, height, 25, "yuv420p"), OPUS);
    }

    private static String refusal(MediaInfo info) {
        MediaException e = assertThrows(MediaException.class, () -> RULES.check(info));
        assertEquals(MediaException.VALIDATION, e.stage());
        return e.getMessage();
    }

    @Test
    void ordinaryAudioOnlyAndVideoOnlyAreValid() {
        assertDoesNotThrow(() -> RULES.check(video(1280, 720, 3600)));
        assertDoesNotThrow(() -> RULES.check(new MediaInfo("ogg", 60, 1000, null, null, OPUS)), "lecture audio");
        assertDoesNotThrow(() -> RULES.check(new MediaInfo("matroska,webm", 60, 1000, null,
                new MediaInfo.VideoInfo("vp8", 640, 480, 30, "yuv420p"), null)), "screen capture without sound");
        assertDoesNotThrow(() -> RULES.check(video(16, 16, 0.1)), "the bounds themselves are accepted");
        assertDoesNotThrow(() -> RULES.check(video(8192, 8192, 12 * 3600)));
    }

    @Test
    void neitherAudioNorVideo() {
        assertEquals("the file holds neither audio nor video", refusal(new MediaInfo("matroska,webm", 10, 100, null, null, null)));
    }

    @Test
    void pictureSizeOutsideTheBoundsIsNamed() {
        assertEquals("the video is 20000x20000; sizes from 16x16 to 8192x8192 are accepted", refusal(video(20000, 20000, 10)));
        assertEquals("the video is 1x1; sizes from 16x16 to 8192x8192 are accepted", refusal(video(1, 1, 10)));
        assertEquals("the video is 8193x720; sizes from 16x16 to 8192x8192 are accepted", refusal(video(8193, 720, 10)));
        assertEquals("the video is 1280x15; sizes from 16x16 to 8192x8192 are accepted", refusal(video(1280, 15, 10)));
        assertEquals("the video declares no usable picture size", refusal(video(0, 0, 10)));
    }

    @Test
    void durationMissingTooShortOrTooLong() {
        assertEquals("the media has no playable duration", refusal(video(640, 480, 0)));
        assertEquals("the media has no playable duration", refusal(video(640, 480, 0.05)));
        assertEquals("the media has no playable duration", refusal(video(640, 480, Double.NaN)));
        assertEquals("the media lasts 12 h 30 min; at most 12 h is accepted", refusal(video(640, 480, 12.5 * 3600)));
        assertEquals("the media lasts 12 h 5 s; at most 12 h is accepted", refusal(video(640, 480, 12 * 3600 + 5)));
        assertEquals("45 s", MediaRules.describe(45));
        assertEquals("0.05 s", MediaRules.describe(0.05));
        assertEquals("2 s", MediaRules.describe(2));
    }

    @Test
    void checkStreamsLeavesTheDurationForLater() throws MediaException {
        MediaInfo recorderUpload = video(640, 480, 0);
        RULES.checkStreams(recorderUpload);
        assertEquals("the media has no playable duration", refusal(recorderUpload));
        MediaException tiny = assertThrows(MediaException.class, () -> RULES.checkStreams(video(1, 1, 0)));
        assertEquals("the video is 1x1; sizes from 16x16 to 8192x8192 are accepted", tiny.getMessage());
        MediaException nothing = assertThrows(MediaException.class,
                () -> RULES.checkStreams(new MediaInfo("ogg", 0, 1, null, null, null)));
        assertEquals(MediaException.VALIDATION, nothing.stage());
    }

    @Test
    void customRules() {
        MediaRules rules = new MediaRules(2, 100, 1, 90);
        MediaException e = assertThrows(MediaException.class, () -> rules.check(video(64, 64, 120)));
        assertEquals("the media lasts 2 min; at most 1 min 30 s is accepted", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MediaRules(0, 100, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new MediaRules(10, 5, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new MediaRules(1, 5, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new MediaRules(1, 5, 3, 2));
    }
}
