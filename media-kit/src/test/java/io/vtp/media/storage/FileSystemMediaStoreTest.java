package io.vtp.media.storage;

import static io.vtp.media.storage.StreamAssertions.assertSameBytes;
import static io.vtp.media.storage.StreamAssertions.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract on a temporary directory, and what is particular to the file system. */
class FileSystemMediaStoreTest extends MediaStoreContract {

    private Path root;

    @Override
    protected MediaStore newStore() throws IOException {
        root = scratch.resolve("store/root");
        return new FileSystemMediaStore(root);
    }

    @Override
    protected void assertNoPartialWrites() throws IOException {
        try (Stream<Path> temps = Files.list(root.resolve(".tmp"))) {
            assertEquals(List.of(), temps.toList());
        }
    }

    @Override
    protected List<String> probeArguments() {
        return List.of("fs", root.toString());
    }

    @Test
    void createsTheRootAndItsTempDirectory() {
        assertTrue(Files.isDirectory(root));
        assertTrue(Files.isDirectory(root.resolve(".tmp")));
        assertEquals("fs", store.kind());
    }

    @Test
    void localFileIsTheObjectsOwnFile() throws IOException {
        store.put("raw/r1/a.webm", new PatternInputStream(5000, 1), null);

        Path file = store.localFile("raw/r1/a.webm").orElseThrow();

        assertEquals(root.toRealPath().resolve("raw/r1/a.webm"), file);
        assertSameBytes(new PatternInputStream(5000, 1), Files.newInputStream(file));
        assertTrue(store.localFile("raw/r1").isEmpty(), "a directory is not an object");
    }

    @Test
    void keysUnderTheTempDirectoryAreReserved() {
        assertThrows(IllegalArgumentException.class, () -> store.put(".tmp/x", InputStream.nullInputStream(), null));
        assertThrows(IllegalArgumentException.class, () -> store.stat(".tmp"));
        assertThrows(IllegalArgumentException.class, () -> store.list(".tmp/"));
        assertThrows(IllegalArgumentException.class, () -> store.deletePrefix(".tmp/"));
    }

    @Test
    void unsafeKeysTouchNothingOutsideTheRoot() throws Exception {
        Path outside = scratch.resolve("store");
        Files.createDirectories(outside.resolve("etc"));
        Files.writeString(outside.resolve("etc/passwd"), "root:x:0:0");
        Files.writeString(outside.resolve("y"), "y");
        Map<String, String> before = snapshot(scratch);

        for (String key : StorageKeysTest.UNSAFE_KEYS) {
            try {
                store.put(key, new ByteArrayInputStream(new byte[] {1}), null);
            } catch (IllegalArgumentException expected) {
                // refused
            }
            try {
                store.delete(key);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
        for (String prefix : StorageKeysTest.UNSAFE_PREFIXES) {
            try {
                store.deletePrefix(prefix);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }

        assertEquals(before, snapshot(scratch));
    }

    @Test
    void emptyDirectoriesGoAwayButNotTheRoot() throws IOException {
        store.put("raw/r1/a/b/c", new ByteArrayInputStream(new byte[] {1}), null);
        store.put("raw/r2/x", new ByteArrayInputStream(new byte[] {1}), null);

        store.delete("raw/r1/a/b/c");
        assertFalse(Files.exists(root.resolve("raw/r1")));
        assertTrue(Files.exists(root.resolve("raw/r2/x")));

        assertEquals(1, store.deletePrefix("raw/r2/"));
        assertFalse(Files.exists(root.resolve("raw")));
        assertTrue(Files.isDirectory(root));
        assertTrue(Files.isDirectory(root.resolve(".tmp")));
    }

    @Test
    void staleTempFilesAreRemovedWhenAStoreOpens() throws IOException {
        Path stale = Files.writeString(root.resolve(".tmp/put-stale.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(root.resolve(".tmp/put-fresh.part"), "in progress");

        new FileSystemMediaStore(root).close();

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void aKeyCannotAlsoBeADirectory() throws IOException {
        store.put("raw/r1/a", new ByteArrayInputStream(new byte[] {1}), null);

        assertThrows(IOException.class, () -> store.put("raw/r1/a/b", new ByteArrayInputStream(new byte[] {2}), null));
        assertTrue(store.stat("raw/r1/a/b").isEmpty());
        assertThrows(ObjectNotFoundException.class, () -> store.open("raw/r1/a/b"));
        assertThrows(IOException.class, () -> store.put("raw/r1", new ByteArrayInputStream(new byte[] {3}), null));
        assertArrayEquals(new byte[] {1}, readAll(store.open("raw/r1/a")));
        assertNoPartialWrites();
    }

    @Test
    void sameSizeRewritesInOneClockTickStillChangeTheEtag() throws IOException {
        Set<String> etags = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            StoredObject o = store.put("raw/r1/hot", new ByteArrayInputStream(new byte[] {(byte) i}), null);
            assertTrue(etags.add(o.etag()), "etag " + o.etag() + " repeated at write " + i);
            assertEquals(o.etag(), store.stat("raw/r1/hot").orElseThrow().etag());
        }
    }

    @Test
    void readersOnlyEverSeeWholeVersions() throws Exception {
        int size = 256 * 1024;
        store.put("raw/r1/live", new ByteArrayInputStream(version(0, size)), null);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        store.put("raw/r1/live", new ByteArrayInputStream(version(writer * 100 + i, size)), null);
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        byte[] seen = readAll(store.open("raw/r1/live"));
                        assertEquals(size, seen.length);
                        assertArrayEquals(version(seen[0] & 0xff | (seen[1] & 0xff) << 8, size), seen);
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
            writing.set(false);
            for (Future<Integer> r : readers) {
                assertTrue(r.get() > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNoPartialWrites();
    }

    /** Content that names its version in its first two bytes. */
    private static byte[] version(int v, int size) {
        byte[] b = PatternInputStream.bytes(size, v);
        b[0] = (byte) v;
        b[1] = (byte) (v >> 8);
        return b;
    }

    /** Every file and directory under a directory with its content, except the store's root. */
    private Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.startsWith(root)) {
                    continue;
                }
                files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        }
        return files;
    }
}
