package io.vtp.recording.media;

import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaSamples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No ffmpeg or ffprobe outlives the call that started it: not on timeout, not on interrupt. */
class ProcessCleanupTest {

    @TempDir
    Path dir;

    private Path fifo;

    /** A named pipe nobody writes to: opening it for reading blocks for ever. */
    @BeforeEach
    void makeFifo() throws Exception {
        fifo = dir.resolve("never-ends.webm");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    }

    private static List<ProcessHandle> mediaTools() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg") || c.endsWith("/ffprobe")).orElse(false)
                        || p.info().commandLine().map(c -> c.contains("ffprobe") || c.contains("ffmpeg")).orElse(false))
                .toList();
    }

    private static void assertNoMediaToolsLeft() {
        assertEquals(List.of(), mediaTools(), "ffmpeg/ffprobe processes left behind");
    }

    @Test
    void probeTimeoutKillsFfprobe() {
        MediaProbe probe = new MediaProbe(MediaSamples.binaries(), Duration.ofMillis(500));
        long start = System.nanoTime();
        try {
            probe.probe(fifo);
            fail("a probe of a pipe that never ends returned");
        } catch (MediaException e) {
            assertEquals(MediaException.PROBE, e.stage());
            assertEquals("analysing the file took too long", e.getMessage());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "returned after " + millis + " ms");
        assertNoMediaToolsLeft();
    }

    @Test
    void remuxTimeoutKillsFfmpeg() {
        MediaProbe probe = new MediaProbe(MediaSamples.binaries(), Duration.ofSeconds(10));
        Remuxer remuxer = new Remuxer(MediaSamples.binaries(), probe, Duration.ofMillis(500));
        MediaInfo claimed = new MediaInfo("matroska,webm", 2, 100, null, null, new MediaInfo.AudioInfo("opus", 48000, 1));
        try {
            remuxer.remux(fifo, claimed, dir.resolve("out"));
            fail("a remux of a pipe that never ends returned");
        } catch (MediaException e) {
            assertEquals(Stages.REMUX, e.stage());
            assertEquals("rewriting the file took too long", e.getMessage());
        }
        assertNoMediaToolsLeft();
    }

    @Test
    void interruptKillsFfprobeAndKeepsTheInterruptFlag() throws Exception {
        MediaProbe probe = new MediaProbe(MediaSamples.binaries(), Duration.ofMinutes(5));
        AtomicReference<MediaException> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                probe.probe(fifo);
            } catch (MediaException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        // wait until ffprobe is running, then interrupt the thread waiting for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mediaTools().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "ffprobe did not start");
            Thread.sleep(10);
        }
        worker.interrupt();
        worker.join(10_000);
        assertFalse(worker.isAlive(), "the probe returned");
        assertNotNull(thrown.get());
        assertEquals(MediaException.PROBE, thrown.get().stage());
        assertEquals("analysing the file was interrupted", thrown.get().getMessage());
        assertTrue(stillInterrupted.get(), "the interrupt is not swallowed");
        assertNoMediaToolsLeft();
    }
}
