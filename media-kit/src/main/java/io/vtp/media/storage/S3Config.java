package io.vtp.media.storage;

import java.net.URI;

/**
 * How to reach an S3-compatible object store.
 *
 * @param endpoint the service's URL, such as {@code http://minio:9000}; {@code null} for AWS itself
 * @param bucket the bucket that holds every object
 * @param region the signing region; {@code null} or blank means {@code us-east-1}
 * @param accessKey the access key, or {@code null} to use the SDK's default credentials chain
 *     (environment, system properties, web identity, instance profile)
 * @param secretKey the secret key; given exactly when the access key is
 * @param pathStyle {@code true} for {@code endpoint/bucket/key} URLs, which most S3-compatible
 *     services need
 * @param createBucket create the bucket when the store is constructed if it is missing (local
 *     development and tests)
 * @param partSizeBytes the multipart part size, which is also the largest object written with a
 *     single PUT and bounds the memory an upload holds; 0 or less means {@link #DEFAULT_PART_SIZE},
 *     otherwise from {@link #MIN_PART_SIZE} to {@link #MAX_PART_SIZE}. With at most 10,000 parts,
 *     the default allows objects up to 78 GiB.
 */
public record S3Config(
        URI endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        boolean createBucket,
        long partSizeBytes) {

    /** 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** 5 MiB, S3's smallest part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** 512 MiB: a part is held in memory. */
    public static final long MAX_PART_SIZE = 512L * 1024 * 1024;

    /** Applies the defaults and checks the values. */
    public S3Config {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (accessKey != null && accessKey.isBlank()) {
            accessKey = null;
        }
        if (secretKey != null && secretKey.isBlank()) {
            secretKey = null;
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both the access key and the secret key, or neither");
        }
        if (partSizeBytes <= 0) {
            partSizeBytes = DEFAULT_PART_SIZE;
        }
        if (partSizeBytes < MIN_PART_SIZE || partSizeBytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    "part size " + partSizeBytes + " outside [" + MIN_PART_SIZE + ", " + MAX_PART_SIZE + "]");
        }
    }

    /** Like the generated one, but without the secret key. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", pathStyle=" + pathStyle + ", createBucket=" + createBucket
                + ", partSizeBytes=" + partSizeBytes + "]";
    }
}
