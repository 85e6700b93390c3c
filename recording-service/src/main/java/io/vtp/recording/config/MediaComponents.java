package io.vtp.recording.config;

import io.vtp.media.ffmpeg.FfmpegBinaries;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.recording.media.Remuxer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The FFmpeg tools, built from {@link RecordingConfig} (the media store comes from media-kit). */
public class MediaComponents {

    @Produces
    @ApplicationScoped
    MediaProbe probe(RecordingConfig config) {
        return new MediaProbe(FfmpegBinaries.bundled(), config.processing().timeout());
    }

    @Produces
    @ApplicationScoped
    Remuxer remuxer(RecordingConfig config, MediaProbe probe) {
        return new Remuxer(FfmpegBinaries.bundled(), probe, config.processing().timeout());
    }

    @Produces
    @ApplicationScoped
    MediaRules rules(RecordingConfig config) {
        RecordingConfig.Media media = config.media();
        return new MediaRules(media.minDimension(), media.maxDimension(), 0.1, media.maxDuration().toMillis() / 1000.0);
    }
}
