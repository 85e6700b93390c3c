package io.vtp.media.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link MediaStore} knows about one object.
 *
 * @param key the object's key, as given to the store
 * @param size the length in bytes
 * @param lastModified when the object was last written
 * @param etag a strong validator, unquoted: S3's ETag without its quotes; for the file system,
 *     derived from the size and the modification time in nanoseconds. It changes whenever the
 *     content is replaced.
 * @param contentType the media type given when the object was written, or {@code null} when the
 *     store does not keep it (the file system store never does; S3 listings do not carry it)
 */
public record StoredObject(String key, long size, Instant lastModified, String etag, String contentType) {

    /** Checks that the required components are present and the size is not negative. */
    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(etag, "etag");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
