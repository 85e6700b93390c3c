package io.vtp.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @TempDir
    static Path dir;

    private static MediaProbe probe;

    @BeforeAll
    static void setUp() {
        probe = new MediaProbe(MediaSamples.binaries(), Duration.ofSeconds(20));
    }

    @Test
    void readsAWebm() throws MediaException {
        MediaInfo info = probe.probe(MediaSamples.webm(dir, 1));
        assertEquals("matroska,webm", info.containerFormat());
        assertEquals(1.0, info.durationSeconds(), 0.1);
        assertTrue(info.sizeBytes() > 0);
        assertNotNull(info.bitRate());
        assertEquals("vp9", info.video().codec());
        assertEquals(320, info.video().width());
        assertEquals(240, info.video().height());
        assertEquals(25.0, info.video().fps(), 0.001);
        assertEquals("yuv420p", info.video().pixelFormat());
        assertEquals(new MediaInfo.AudioInfo("opus", 48000, 1), info.audio());
    }

    @Test
    void coverArtIsNotVideo() throws MediaException {
        MediaInfo info = probe.probe(MediaSamples.mp3WithCoverArt(dir, 1));
        assertEquals("mp3", info.containerFormat());
        assertFalse(info.hasVideo(), "the attached picture is cover art, not video");
        assertEquals("mp3", info.audio().codec());
    }

    @Test
    void missingFileAndFolder() {
        MediaException missing = assertThrows(MediaException.class, () -> probe.probe(dir.resolve("nothing-here.webm")));
        assertEquals(MediaException.PROBE, missing.stage());
        assertEquals("the file is missing", missing.getMessage());
        MediaException folder = assertThrows(MediaException.class, () -> probe.probe(dir));
        assertEquals("the file could not be read", folder.getMessage());
    }

    @Test
    void invalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new MediaProbe(MediaSamples.binaries(), Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new MediaProbe(null, Duration.ofSeconds(1)));
    }
}
