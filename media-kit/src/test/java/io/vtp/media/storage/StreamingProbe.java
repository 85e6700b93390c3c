package io.vtp.media.storage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link MediaStoreContract}: writes a generated object far
 * larger than the heap, reads it back and compares it byte for byte, and reads a range at its end.
 *
 * <p>Arguments: {@code size fs root} or {@code size s3 endpoint bucket accessKey secretKey}. Exits 0
 * on success and prints the peak heap use.
 */
public final class StreamingProbe {

    private StreamingProbe() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on any failure, which exits the JVM with a non-zero status
     */
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        long seed = 42;
        String key = "raw/probe/large.bin";
        try (MediaStore store = open(args)) {
            long start = System.nanoTime();
            StoredObject put = store.put(key, new PatternInputStream(size, seed), "video/webm");
            if (put.size() != size) {
                throw new AssertionError("put reported " + put.size() + " bytes, wrote " + size);
            }
            long written = System.nanoTime();
            StreamAssertions.assertSameBytes(new PatternInputStream(size, seed), store.open(key));
            long read = System.nanoTime();
            byte[] tail = StreamAssertions.readAll(store.open(key, size - 1000, 5000));
            if (!java.util.Arrays.equals(PatternInputStream.slice(size - 1000, 1000, seed), tail)) {
                throw new AssertionError("range at the end differs");
            }
            System.out.printf("%s: %d MiB put in %d ms, read back in %d ms, peak heap %d MiB of %d MiB%n",
                    store.kind(), size >> 20, (written - start) / 1_000_000, (read - written) / 1_000_000,
                    peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static MediaStore open(String[] args) throws Exception {
        if (args[1].equals("fs")) {
            return new FileSystemMediaStore(Path.of(args[2]));
        }
        return new S3MediaStore(new S3Config(URI.create(args[2]), args[3], "us-east-1", args[4], args[5],
                true, false, 0));
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
