package io.vtp.media.storage;

import static io.vtp.media.storage.StreamAssertions.assertSameBytes;
import static io.vtp.media.storage.StreamAssertions.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link MediaStore} must do; each implementation's test extends it. Stores under test
 * are fresh and empty, and S3 stores use 5 MiB parts so that 20 MiB go through four of them.
 */
abstract class MediaStoreContract {

    static final long MIB = 1024 * 1024;

    protected MediaStore store;

    @TempDir
    Path scratch;

    /** A new, empty store. */
    protected abstract MediaStore newStore() throws Exception;

    /** Fails when a failed write left anything behind: temporary files, open multipart uploads. */
    protected abstract void assertNoPartialWrites() throws Exception;

    /** How {@link StreamingProbe} opens the same store: its arguments after the size. */
    protected abstract List<String> probeArguments();

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putStatOpenRoundTrip() throws IOException {
        byte[] content = PatternInputStream.bytes(10_000, 1);
        Instant before = Instant.now().minusSeconds(5);

        StoredObject put = store.put("raw/r1/source.webm", new ByteArrayInputStream(content), "video/webm");

        assertEquals("raw/r1/source.webm", put.key());
        assertEquals(10_000, put.size());
        assertFalse(put.etag().isBlank());
        assertFalse(put.etag().startsWith("\""), "etag is unquoted");
        assertTrue(put.lastModified().isAfter(before), put.lastModified() + " is recent");
        StoredObject stat = store.stat("raw/r1/source.webm").orElseThrow();
        assertEquals(put.size(), stat.size());
        assertEquals(put.etag(), stat.etag());
        assertEquals(put.lastModified(), stat.lastModified());
        assertEquals(keepsContentType() ? "video/webm" : null, stat.contentType());
        assertArrayEquals(content, readAll(store.open("raw/r1/source.webm")));
    }

    @Test
    void emptyObject() throws IOException {
        StoredObject put = store.put("raw/r1/empty", InputStream.nullInputStream(), null);

        assertEquals(0, put.size());
        assertEquals(0, store.stat("raw/r1/empty").orElseThrow().size());
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/empty")));
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/empty", 0, 10)));
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/empty", 0, 0)));
    }

    @Test
    void putBytesReplacesAndKeepsTheArray() throws IOException {
        byte[] first = PatternInputStream.bytes(81_920, 5);
        byte[] second = PatternInputStream.bytes(70_001, 6);
        byte[] copy = second.clone();

        store.put("raw/r1/chunks/000001.webm", first, "video/webm");
        StoredObject put = store.put("raw/r1/chunks/000001.webm", second, "video/webm");

        assertEquals(70_001, put.size());
        assertEquals(put.etag(), store.stat("raw/r1/chunks/000001.webm").orElseThrow().etag());
        assertArrayEquals(second, readAll(store.open("raw/r1/chunks/000001.webm")));
        assertArrayEquals(copy, second, "the caller's array is left as it was");
        assertEquals(0, store.put("raw/r1/chunks/000002.webm", new byte[0], null).size());
    }

    @Test
    void putFileCopiesAndLeavesTheFile() throws IOException {
        Path file = scratch.resolve("upload.bin");
        try (InputStream in = new PatternInputStream(3 * MIB + 17, 2)) {
            Files.copy(in, file);
        }

        StoredObject put = store.put("raw/r1/from-file.bin", file, "application/octet-stream");

        assertEquals(3 * MIB + 17, put.size());
        assertTrue(Files.exists(file));
        assertSameBytes(new PatternInputStream(3 * MIB + 17, 2), store.open("raw/r1/from-file.bin"));
    }

    @Test
    void absentKey() throws IOException {
        assertTrue(store.stat("raw/none/x").isEmpty());
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.open("raw/none/x"));
        assertEquals("raw/none/x", e.key());
        assertThrows(ObjectNotFoundException.class, () -> store.open("raw/none/x", 0, 10));
        assertThrows(ObjectNotFoundException.class, () -> store.open("raw/none/x", 0, 0));
        store.delete("raw/none/x");
        assertTrue(store.localFile("raw/none/x").isEmpty());
        assertEquals(List.of(), store.list("raw/none/"));
        assertEquals(0, store.deletePrefix("raw/none/"));
    }

    @Test
    void byteRanges() throws IOException {
        byte[] content = PatternInputStream.bytes(1000, 3);
        store.put("raw/r1/ranged", new ByteArrayInputStream(content), null);

        assertArrayEquals(slice(content, 0, 10), readAll(store.open("raw/r1/ranged", 0, 10)));
        assertArrayEquals(slice(content, 500, 1), readAll(store.open("raw/r1/ranged", 500, 1)));
        assertArrayEquals(slice(content, 990, 10), readAll(store.open("raw/r1/ranged", 990, 100)), "clipped at the end");
        assertArrayEquals(content, readAll(store.open("raw/r1/ranged", 0, Long.MAX_VALUE)));
        assertArrayEquals(slice(content, 1, 999), readAll(store.open("raw/r1/ranged", 1, Long.MAX_VALUE)));
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/ranged", 500, 0)));
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/ranged", 1000, 5)), "at the end");
        assertArrayEquals(new byte[0], readAll(store.open("raw/r1/ranged", 5000, 5)), "past the end");
        assertThrows(IllegalArgumentException.class, () -> store.open("raw/r1/ranged", -1, 5));
        assertThrows(IllegalArgumentException.class, () -> store.open("raw/r1/ranged", 0, -5));
    }

    @Test
    void rangeOfALargeObjectStreams() throws IOException {
        long size = 12 * MIB;
        store.put("raw/r1/large", new PatternInputStream(size, 4), null);

        long from = 7 * MIB - 3;
        assertArrayEquals(PatternInputStream.slice(from, (int) MIB, 4), readAll(store.open("raw/r1/large", from, MIB)));
    }

    @Test
    void listIsSortedAndBoundedByThePrefix() throws IOException {
        for (String key : List.of("raw/r1/b/c", "raw/r1/a", "raw/r1-x/d", "raw/r10/e", "raw/r2/f", "renditions/r1/g",
                "raw/r1/b.txt", "raw/r1/b-c")) {
            store.put(key, new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)), "text/plain");
        }

        List<StoredObject> listed = store.list("raw/r1/");

        assertEquals(List.of("raw/r1/a", "raw/r1/b-c", "raw/r1/b.txt", "raw/r1/b/c"), keys(listed));
        for (StoredObject o : listed) {
            StoredObject stat = store.stat(o.key()).orElseThrow();
            assertEquals(stat.size(), o.size());
            assertEquals(stat.etag(), o.etag());
            assertEquals(stat.lastModified(), o.lastModified());
        }
        assertEquals(List.of("raw/r1/b/c"), keys(store.list("raw/r1/b/")));
        assertEquals(List.of("renditions/r1/g"), keys(store.list("renditions/")));
        assertEquals(List.of(), store.list("raw/r1/a/"), "a key is not a directory");
        assertEquals(List.of(), store.list("nothing/"));
    }

    @Test
    void listReadsEveryPage() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String key = "renditions/r9/seg-" + i + ".m4s";
            store.put(key, new ByteArrayInputStream(new byte[i]), null);
            expected.add(key);
        }
        assertEquals(expected, keys(store.list("renditions/r9/")));
    }

    @Test
    void deleteRemovesOnlyThatObject() throws IOException {
        store.put("raw/r1/a", new ByteArrayInputStream(new byte[] {1}), null);
        store.put("raw/r1/b", new ByteArrayInputStream(new byte[] {2}), null);

        store.delete("raw/r1/a");
        store.delete("raw/r1/a");

        assertTrue(store.stat("raw/r1/a").isEmpty());
        assertArrayEquals(new byte[] {2}, readAll(store.open("raw/r1/b")));
    }

    @Test
    void deletePrefixCountsAndSparesNeighbours() throws IOException {
        for (String key : List.of("raw/r1/a", "raw/r1/b/c", "raw/r1/b/d", "raw/r10/a", "raw/r1-x/a", "renditions/r1/a")) {
            store.put(key, new ByteArrayInputStream(new byte[] {7}), null);
        }

        assertEquals(3, store.deletePrefix("raw/r1/"));

        assertEquals(List.of(), store.list("raw/r1/"));
        assertEquals(List.of("raw/r1-x/a", "raw/r10/a"), keys(store.list("raw/")));
        assertEquals(List.of("renditions/r1/a"), keys(store.list("renditions/")));
        assertEquals(0, store.deletePrefix("raw/r1/"));
    }

    @Test
    void overwriteReplacesTheContentAndTheEtag() throws IOException {
        StoredObject first = store.put("raw/r1/v", new PatternInputStream(1000, 5), null);
        StoredObject second = store.put("raw/r1/v", new PatternInputStream(1000, 6), null);

        assertNotEquals(first.etag(), second.etag());
        assertEquals(second.etag(), store.stat("raw/r1/v").orElseThrow().etag());
        assertSameBytes(new PatternInputStream(1000, 6), store.open("raw/r1/v"));

        store.put("raw/r1/v", new PatternInputStream(10, 7), null);
        assertSameBytes(new PatternInputStream(10, 7), store.open("raw/r1/v"));
        assertEquals(List.of("raw/r1/v"), keys(store.list("raw/r1/")));
    }

    @Test
    void twentyMebibytesGoThroughParts() throws Exception {
        long size = 20 * MIB + 123;

        StoredObject put = store.put("raw/r1/big.webm", new PatternInputStream(size, 8), "video/webm");

        assertEquals(size, put.size());
        assertEquals(size, store.stat("raw/r1/big.webm").orElseThrow().size());
        assertSameBytes(new PatternInputStream(size, 8), store.open("raw/r1/big.webm"));
        assertNoPartialWrites();
    }

    @Test
    void exactlyOnePartSize() throws IOException {
        store.put("raw/r1/five", new PatternInputStream(5 * MIB, 9), null);
        store.put("raw/r1/ten", new PatternInputStream(10 * MIB, 10), null);

        assertSameBytes(new PatternInputStream(5 * MIB, 9), store.open("raw/r1/five"));
        assertSameBytes(new PatternInputStream(10 * MIB, 10), store.open("raw/r1/ten"));
    }

    @Test
    void aStreamFailingEarlyLeavesNothing() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> store.put("raw/r1/broken", PatternInputStream.failingAfter(10 * MIB, 11, 1000), null));

        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
        assertTrue(store.stat("raw/r1/broken").isEmpty());
        assertEquals(List.of(), store.list("raw/"));
        assertNoPartialWrites();
    }

    @Test
    void aStreamFailingAfterSeveralPartsLeavesNothing() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> store.put("raw/r1/broken", PatternInputStream.failingAfter(30 * MIB, 12, 12 * MIB), null));

        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
        assertTrue(store.stat("raw/r1/broken").isEmpty());
        assertEquals(List.of(), store.list("raw/"));
        assertNoPartialWrites();
    }

    @Test
    void aFailedOverwriteKeepsThePreviousVersion() throws Exception {
        StoredObject first = store.put("raw/r1/kept", new PatternInputStream(6 * MIB, 13), null);

        assertThrows(IOException.class,
                () -> store.put("raw/r1/kept", PatternInputStream.failingAfter(30 * MIB, 14, 11 * MIB), null));

        assertEquals(first.etag(), store.stat("raw/r1/kept").orElseThrow().etag());
        assertSameBytes(new PatternInputStream(6 * MIB, 13), store.open("raw/r1/kept"));
        assertNoPartialWrites();
    }

    @Test
    void unsafeKeysAreRefusedByEveryMethod() throws Exception {
        Path file = Files.writeString(scratch.resolve("f"), "x");
        for (String key : StorageKeysTest.UNSAFE_KEYS) {
            refused(key, () -> store.put(key, new ByteArrayInputStream(new byte[] {1}), null));
            refused(key, () -> store.put(key, file, null));
            refused(key, () -> store.stat(key));
            refused(key, () -> store.open(key));
            refused(key, () -> store.open(key, 0, 1));
            refused(key, () -> store.delete(key));
            refused(key, () -> store.localFile(key));
        }
        for (String prefix : StorageKeysTest.UNSAFE_PREFIXES) {
            refused(prefix, () -> store.list(prefix));
            refused(prefix, () -> store.deletePrefix(prefix));
        }
        assertEquals(List.of(), store.list("raw/"));
    }

    @Test
    void aLargeObjectStreamsThroughASmallHeap() throws Exception {
        // -Dstorage.probe.mib=1024 for a by-hand run at 1 GiB; 200 MiB keeps the suite quick.
        long size = Long.getLong("storage.probe.mib", 200) * MIB;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC",
                "-Djava.util.logging.manager=" + System.getProperty("java.util.logging.manager",
                        "java.util.logging.LogManager"),
                "-cp", System.getProperty("java.class.path"),
                StreamingProbe.class.getName(), Long.toString(size)));
        command.addAll(probeArguments());
        Path log = scratch.resolve("probe.log");
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = probe.waitFor(Math.max(60, size / MIB / 4), TimeUnit.SECONDS);
        if (!exited) {
            probe.destroyForcibly().waitFor();
        }
        String output = Files.readString(log).strip();
        System.out.println("streaming probe: " + output);
        assertTrue(exited, "the probe did not finish in time: " + output);
        assertEquals(0, probe.exitValue(), output);
    }

    /** Whether {@link StoredObject#contentType()} reports what was written. */
    protected boolean keepsContentType() {
        return store.kind().equals("s3");
    }

    static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }

    private static byte[] slice(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }

    private static void refused(String key, Executable call) {
        assertThrows(IllegalArgumentException.class, call, () -> "not refused: " + key.replace("\u0000", "\\0"));
    }
}
