package io.vtp.media.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The media store every media service shares (recording-service writes {@code raw/...},
 * streaming-service reads it and writes {@code renditions/...}): both must point at the same
 * directory or bucket. The environment variables are mapped in media-kit's
 * {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "vtp.media.storage")
public interface MediaStoreConfig {

    /** {@code fs} (a directory) or {@code s3} (S3-compatible object storage). */
    @WithDefault("fs")
    String kind();

    /** Root directory of the {@code fs} store. */
    @WithDefault("${java.io.tmpdir}/vtp-media")
    Path fsRoot();

    S3 s3();

    interface S3 {
        /** Endpoint of an S3-compatible service (MinIO, Ceph, s3proxy); empty for AWS itself. */
        Optional<String> endpoint();

        @WithDefault("vtp-media")
        String bucket();

        @WithDefault("us-east-1")
        String region();

        /** Access key; empty to use the AWS default credential chain (IRSA, environment, profile). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Create the bucket at start when it is missing (local and test setups). */
        @WithDefault("false")
        boolean createBucket();

        /** Part size of multipart uploads (at least 5 MiB); one part is held in memory per upload. */
        @WithDefault("8M")
        MemorySize partSize();
    }
}
