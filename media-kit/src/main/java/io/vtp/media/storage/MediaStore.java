package io.vtp.media.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blocking access to the object store that holds recordings ({@code raw/{recordingId}/...}) and
 * renditions ({@code renditions/{recordingId}/...}); callers run it on worker threads.
 *
 * <p>Every method checks its key or prefix with {@link StorageKeys} first and throws
 * {@link IllegalArgumentException} for an unsafe one. Uploads and downloads stream: memory does
 * not grow with the size of an object. Writes are atomic: an object is either absent, its previous
 * version, or completely written; a failing input stream or a crash never leaves part of an object
 * under its key.
 *
 * <p>Implementations: {@link FileSystemMediaStore} and {@link S3MediaStore}. Both are safe for use
 * by several threads.
 */
public interface MediaStore extends AutoCloseable {

    /**
     * Writes an object of unknown length from a stream, replacing any object under the key.
     * The stream is read to its end but not closed.
     *
     * @param key where to write
     * @param data the content
     * @param contentType the media type, or {@code null}; stores that keep it report it in {@link #stat}
     * @return the object written
     * @throws IOException when reading the stream or writing fails; nothing is then left under the key
     *     beyond what was there before
     */
    StoredObject put(String key, InputStream data, String contentType) throws IOException;

    /**
     * Writes bytes already in memory (a capture chunk), replacing any object under the key; as
     * {@link #put(String, InputStream, String)}, which this default calls, but a store may write the
     * array as it is instead of copying it through a buffer.
     *
     * @param key where to write
     * @param data the content
     * @param contentType the media type, or {@code null}
     * @return the object written
     * @throws IOException when writing fails; nothing is then left under the key beyond what was there before
     */
    default StoredObject put(String key, byte[] data, String contentType) throws IOException {
        return put(key, new ByteArrayInputStream(data), contentType);
    }

    /**
     * Writes a copy of a file, replacing any object under the key. The file is left in place.
     *
     * @param key where to write
     * @param file the content
     * @param contentType the media type, or {@code null}
     * @return the object written
     * @throws IOException when reading the file or writing fails
     */
    StoredObject put(String key, Path file, String contentType) throws IOException;

    /**
     * @param key the key
     * @return the object under the key, or empty when there is none
     * @throws IOException when the store cannot be asked
     */
    Optional<StoredObject> stat(String key) throws IOException;

    /**
     * Opens an object for reading; the caller closes the stream.
     *
     * @param key the key
     * @return the content, streamed
     * @throws ObjectNotFoundException when there is no object under the key
     * @throws IOException when the store cannot be read
     */
    InputStream open(String key) throws IOException;

    /**
     * Opens a byte range of an object: at most {@code length} bytes starting at {@code offset};
     * fewer when the object ends first, none when {@code offset} is at or past its end.
     *
     * @param key the key
     * @param offset the first byte, 0 or more
     * @param length the most bytes to read, 0 or more
     * @return the range, streamed
     * @throws ObjectNotFoundException when there is no object under the key
     * @throws IOException when the store cannot be read
     * @throws IllegalArgumentException when offset or length is negative
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /**
     * Lists the objects whose keys start with a prefix, at any depth.
     *
     * @param prefix a prefix ending with {@code /}, see {@link StorageKeys#prefix}
     * @return the objects, sorted by key
     * @throws IOException when the store cannot be listed
     */
    List<StoredObject> list(String prefix) throws IOException;

    /**
     * Deletes an object; nothing happens when there is none.
     *
     * @param key the key
     * @throws IOException when the store refuses
     */
    void delete(String key) throws IOException;

    /**
     * Deletes every object whose key starts with a prefix. Objects written under the prefix while
     * this runs may survive.
     *
     * @param prefix a prefix ending with {@code /}
     * @return how many objects were deleted
     * @throws IOException when the store refuses
     */
    int deletePrefix(String prefix) throws IOException;

    /**
     * The object's own file when this store is the local file system, so that it can be handed to
     * ffmpeg or sent without a copy. Read it, never write it: the store replaces files by renaming,
     * so a reader keeps seeing the version it opened.
     *
     * @param key the key
     * @return the file, or empty when the store is not local or there is no object under the key
     */
    Optional<Path> localFile(String key);

    /** @return {@code "fs"} or {@code "s3"} */
    String kind();

    /** Releases the store's resources (the HTTP client of an S3 store). */
    @Override
    default void close() {
    }
}
