package io.vtp.media.config;

import io.vtp.media.storage.FileSystemMediaStore;
import io.vtp.media.storage.MediaStore;
import io.vtp.media.storage.S3Config;
import io.vtp.media.storage.S3MediaStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.net.URI;

/** The {@link MediaStore} bean, built from {@link MediaStoreConfig} and closed at shutdown. */
public class MediaStoreProducer {

    @Produces
    @ApplicationScoped
    MediaStore mediaStore(MediaStoreConfig config) throws IOException {
        return switch (config.kind()) {
            case "fs" -> new FileSystemMediaStore(config.fsRoot());
            case "s3" -> {
                MediaStoreConfig.S3 s3 = config.s3();
                yield new S3MediaStore(new S3Config(s3.endpoint().map(URI::create).orElse(null),
                        s3.bucket(), s3.region(), s3.accessKey().orElse(null), s3.secretKey().orElse(null),
                        s3.pathStyle(), s3.createBucket(), s3.partSize().asLongValue()));
            }
            default -> throw new IllegalStateException(
                    "vtp.media.storage.kind must be fs or s3, not " + config.kind());
        };
    }

    void close(@Disposes MediaStore store) throws Exception {
        store.close();
    }
}
