package io.vtp.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link MediaStore} in a directory of the local file system: the object {@code raw/42/a.webm}
 * is the file {@code root/raw/42/a.webm}.
 *
 * <p>A write goes to a file with a random name under {@code root/.tmp/} (the same file system, so
 * the final rename is atomic), is forced to disk, and is then renamed over the final path, whose
 * directory is then forced too. Keys under {@code .tmp/} are therefore refused. Temporary files
 * left by a crash are removed when a store is constructed once they are an hour old (a write in
 * progress keeps its file's modification time fresh). Directories are created as needed and empty
 * ones are removed after a delete, the root excepted.
 *
 * <p>The content type is not kept: {@link StoredObject#contentType()} is always {@code null}. The
 * ETag is the size and the modification time in nanoseconds; when a write would produce the same
 * pair as the object it replaces (same size within one clock tick), the new file's modification
 * time is moved forward so that the ETag changes.
 *
 * <p>A key and an object whose key is a prefix of it ({@code a} and {@code a/b}) cannot both exist
 * here, unlike in S3: the second write fails with an {@link IOException}.
 */
public final class FileSystemMediaStore implements MediaStore {

    /** The directory under the root that holds writes in progress. */
    static final String TMP = ".tmp";

    private static final Duration STALE_TEMP = Duration.ofHours(1);
    /** A stream is written in writes of this size (an upload's body arrives 8 KiB at a time). */
    private static final int STREAM_BUFFER = 1024 * 1024;

    private final Path root;
    private final Path tmp;

    /**
     * Opens a store, creating the root directory when it is missing and removing stale temporary files.
     *
     * @param root the directory that holds the objects
     * @throws IOException when the root cannot be created
     */
    public FileSystemMediaStore(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
        this.tmp = this.root.resolve(TMP);
        Files.createDirectories(tmp);
        removeTempFilesOlderThan(Instant.now().minus(STALE_TEMP));
    }

    /** @return the root directory, as a real path */
    public Path root() {
        return root;
    }

    @Override
    public StoredObject put(String key, InputStream data, String contentType) throws IOException {
        Path target = resolve(key);
        Objects.requireNonNull(data, "data");
        return write(key, target, ch -> {
            byte[] buf = new byte[STREAM_BUFFER];
            for (int n; (n = data.readNBytes(buf, 0, buf.length)) > 0; ) {
                writeFully(ch, ByteBuffer.wrap(buf, 0, n));
            }
        });
    }

    /** Writes the array itself: no buffer (a stream gets a {@value #STREAM_BUFFER}-byte one, too big for a chunk). */
    @Override
    public StoredObject put(String key, byte[] data, String contentType) throws IOException {
        Path target = resolve(key);
        Objects.requireNonNull(data, "data");
        return write(key, target, ch -> writeFully(ch, ByteBuffer.wrap(data)));
    }

    private static void writeFully(FileChannel ch, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) throws IOException {
        Path target = resolve(key);
        Objects.requireNonNull(file, "file");
        return write(key, target, ch -> {
            try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = src.size();
                long done = 0;
                while (done < size) {
                    long n = src.transferTo(done, size - done, ch);
                    if (n <= 0) {
                        throw new IOException("file " + file + " shrank while it was copied");
                    }
                    done += n;
                }
            }
        });
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        BasicFileAttributes attrs = regularFile(resolve(key));
        return attrs == null ? Optional.empty() : Optional.of(toStored(key, attrs));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Channels.newInputStream(openChannel(key));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        checkRange(offset, length);
        FileChannel ch = openChannel(key);
        try {
            ch.position(offset);
            return new LimitedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        Path dir = resolvePrefix(prefix);
        List<StoredObject> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = keyOf(file);
                if (attrs.isRegularFile() && StorageKeys.isValid(key)) {
                    out.add(toStored(key, attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
                throw e;
            }
        });
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        if (regularFile(path) != null && Files.deleteIfExists(path)) {
            removeEmptyDirectories(path.getParent());
        }
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        Path dir = resolvePrefix(prefix);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int[] deleted = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isDirectory() && Files.deleteIfExists(file)) {
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                deleteIfEmpty(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        removeEmptyDirectories(dir.getParent());
        return deleted[0];
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path path = resolve(key);
        try {
            return regularFile(path) == null ? Optional.empty() : Optional.of(path);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String kind() {
        return "fs";
    }

    // --- writing

    /** Fills the temporary file. */
    @FunctionalInterface
    private interface Fill {
        void into(FileChannel ch) throws IOException;
    }

    private StoredObject write(String key, Path target, Fill fill) throws IOException {
        Path temp = newTempFile();
        try {
            BasicFileAttributes attrs;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                fill.into(ch);
                attrs = withFreshEtag(temp, target);
                ch.force(true);
            }
            moveIntoPlace(temp, target);
            return toStored(key, attrs);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
    }

    private Path newTempFile() throws IOException {
        Files.createDirectories(tmp);
        return Files.createFile(tmp.resolve("put-" + UUID.randomUUID() + ".part"));
    }

    /**
     * The temporary file's attributes, after moving its modification time forward when it would
     * otherwise give the same ETag as the object it replaces.
     */
    private BasicFileAttributes withFreshEtag(Path temp, Path target) throws IOException {
        BasicFileAttributes now = Files.readAttributes(temp, BasicFileAttributes.class);
        BasicFileAttributes old = regularFile(target);
        if (old == null) {
            return now;
        }
        // 1 µs suffices on file systems with nanosecond times; the larger steps are for coarser ones.
        long[] stepsNanos = {1_000L, 1_000_000L, 1_000_000_000L, 2_000_000_000L};
        for (int i = 0; i < stepsNanos.length && etag(now).equals(etag(old)); i++) {
            Instant later = old.lastModifiedTime().toInstant().plusNanos(stepsNanos[i]);
            Files.setLastModifiedTime(temp, FileTime.from(later));
            now = Files.readAttributes(temp, BasicFileAttributes.class);
        }
        return now;
    }

    private void moveIntoPlace(Path temp, Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(dir);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (NoSuchFileException e) {
                // A concurrent delete removed the directory, now empty, after we created it.
                if (attempt == 3 || !Files.exists(temp)) {
                    throw e;
                }
            }
        }
        forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every platform can open or force a directory; the rename itself is still atomic.
        }
    }

    private void removeTempFilesOlderThan(Instant cutoff) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // Another store on the same root may be cleaning up too.
                }
            }
        }
    }

    // --- reading and deleting

    private FileChannel openChannel(String key) throws IOException {
        Path path = resolve(key);
        if (regularFile(path) == null) {
            throw new ObjectNotFoundException(key);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key, e);
        }
    }

    /** The attributes of the file at a path, or null when there is no regular file there. */
    private BasicFileAttributes regularFile(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.isRegularFile() ? a : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            // "Not a directory": a parent of the path is a file, so there is no object here.
            for (Path d = path.getParent(); d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
                if (Files.isRegularFile(d)) {
                    return null;
                }
            }
            throw e;
        }
    }

    private void removeEmptyDirectories(Path dir) {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root) && !d.equals(tmp); d = d.getParent()) {
            if (!deleteIfEmpty(d)) {
                return;
            }
        }
    }

    /** Deletes a directory when it is empty; true when it is gone. */
    private static boolean deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false; // not empty, most likely
        }
    }

    private static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
    }

    // --- keys and paths

    private Path resolve(String key) {
        StorageKeys.check(key);
        if (key.equals(TMP) || key.startsWith(TMP + "/")) {
            throw new IllegalArgumentException("keys under " + TMP + "/ are reserved");
        }
        return insideRoot(root.resolve(key).normalize());
    }

    private Path resolvePrefix(String prefix) {
        StorageKeys.prefix(prefix);
        if (prefix.equals(TMP + "/")) {
            throw new IllegalArgumentException("keys under " + TMP + "/ are reserved");
        }
        return insideRoot(root.resolve(prefix).normalize());
    }

    /** The second line of defence: StorageKeys already refuses every key that could escape. */
    private Path insideRoot(Path path) {
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key resolves outside the store root");
        }
        return path;
    }

    private String keyOf(Path file) {
        StringBuilder key = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(name);
        }
        return key.toString();
    }

    private static StoredObject toStored(String key, BasicFileAttributes attrs) {
        return new StoredObject(key, attrs.size(), attrs.lastModifiedTime().toInstant(), etag(attrs), null);
    }

    private static String etag(BasicFileAttributes attrs) {
        Instant t = attrs.lastModifiedTime().toInstant();
        long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        return Long.toHexString(attrs.size()) + "-" + Long.toHexString(nanos);
    }
}
