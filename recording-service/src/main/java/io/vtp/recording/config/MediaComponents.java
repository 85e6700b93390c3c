package io.vtp.recording.config;

import io.vtp.recording.media.FfmpegBinaries;
import io.vtp.recording.media.MediaProbe;
import io.vtp.recording.media.MediaRules;
import io.vtp.recording.media.Remuxer;
import io.vtp.recording.storage.FileSystemMediaStore;
import io.vtp.recording.storage.MediaStore;
import io.vtp.recording.storage.S3Config;
import io.vtp.recording.storage.S3MediaStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.net.URI;

/** The media store and the FFmpeg tools, built from {@link RecordingConfig}. */
public class MediaComponents {

    @Produces
    @ApplicationScoped
    MediaStore mediaStore(RecordingConfig config) throws IOException {
        RecordingConfig.Storage storage = config.storage();
        return switch (storage.kind()) {
            case "fs" -> new FileSystemMediaStore(storage.fsRoot());
            case "s3" -> {
                RecordingConfig.S3 s3 = storage.s3();
                yield new S3MediaStore(new S3Config(s3.endpoint().map(URI::create).orElse(null),
                        s3.bucket(), s3.region(), s3.accessKey().orElse(null), s3.secretKey().orElse(null),
                        s3.pathStyle(), s3.createBucket(), s3.partSize().asLongValue()));
            }
            default -> throw new IllegalStateException(
                    "vtp.recording.storage.kind must be fs or s3, not " + storage.kind());
        };
    }

    void close(@Disposes MediaStore store) throws Exception {
        store.close();
    }

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
