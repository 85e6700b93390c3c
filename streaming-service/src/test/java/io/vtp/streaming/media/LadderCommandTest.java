package io.vtp.streaming.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtp.media.ffmpeg.MediaSamples;
import io.vtp.streaming.support.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ladder's command line run by the bundled ffmpeg on sources whose metadata the planner cannot see. */
class LadderCommandTest {

    @TempDir
    Path work;

    /**
     * Screen recorders and picture-based sources often declare no sample aspect ratio. Without one the
     * dash muxer derives each rung's display aspect ratio from its rounded size (854x480 is not exactly
     * 16:9) and refused the whole ladder ("Conflicting stream aspect ratios"); square pixels are assumed.
     */
    @Test
    void aSourceWithoutASampleAspectRatioStillBecomesALadder() throws Exception {
        Path source = work.resolve("no-sar.mp4");
        MediaSamples.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30,setsar=0", "-t", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"), source);
        JsonNode probed = Tools.ffprobe("-show_streams", source.toString()).path("streams").path(0);
        String sar = probed.path("sample_aspect_ratio").asText("N/A");
        assertTrue(sar.equals("N/A") || sar.equals("0:1"), "the source declares no sample aspect ratio: " + sar);

        LadderPlan plan = LadderPlan.of(new LadderPlan.Source(1280, 720, 30, false, 1.0),
                List.of(Rung.parse("360:500"), Rung.parse("480:1000"), Rung.parse("720:2000")), 30);
        Path out = Files.createDirectories(work.resolve("out"));
        Path thumbs = Files.createDirectories(work.resolve("thumbs"));
        new FfmpegRun().run(LadderCommand.build(MediaSamples.binaries().ffmpeg(), source, out, thumbs, plan,
                new LadderCommand.Settings("ultrafast", 23, 128)), Duration.ofMinutes(2), p -> { });

        assertTrue(Files.exists(out.resolve("manifest.mpd")));
        for (int i = 0; i < 3; i++) {
            JsonNode rung = Tools.ffprobe("-show_streams", out.resolve("init-" + i + ".m4s").toString())
                    .path("streams").path(0);
            assertEquals(plan.video().get(i).height(), rung.path("height").asInt());
            assertEquals("16:9", rung.path("display_aspect_ratio").asText(), "rung " + i);
        }
    }
}
