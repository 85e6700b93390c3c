package io.vtp.streaming.config;

import io.vtp.media.ffmpeg.FfmpegBinaries;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.streaming.media.Rung;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** The FFmpeg tools and the default ladder, built from {@link StreamingConfig} (the store is media-kit's). */
public class MediaComponents {

    @Produces
    @Singleton
    FfmpegBinaries binaries() {
        return FfmpegBinaries.bundled();
    }

    @Produces
    @ApplicationScoped
    MediaProbe probe(FfmpegBinaries binaries) {
        return new MediaProbe(binaries, Duration.ofMinutes(2));
    }

    @Produces
    @ApplicationScoped
    MediaRules rules() {
        return MediaRules.defaults();
    }

    /** The default ladder, checked at start: a bad rung in the configuration stops the service. */
    @Produces
    @Singleton
    DefaultLadder defaultLadder(StreamingConfig config) {
        List<Rung> rungs = config.transcode().rungs().stream().map(Rung::parse).toList();
        for (Rung r : rungs) {
            if (r.problem() != null) {
                throw new IllegalStateException("vtp.streaming.transcode.rungs: " + r + ": " + r.problem());
            }
        }
        if (rungs.isEmpty()) {
            throw new IllegalStateException("vtp.streaming.transcode.rungs must list at least one rung");
        }
        return new DefaultLadder(rungs);
    }

    /** The rungs of {@code POST transcode} and of every completed recording. */
    public record DefaultLadder(List<Rung> rungs) {
    }
}
