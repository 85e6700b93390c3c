package io.vtp.media.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Byte-exact comparison of streams, chunk by chunk, so that large objects are never held in memory. */
final class StreamAssertions {

    private static final int CHUNK = 64 * 1024;

    private StreamAssertions() {
    }

    /** Reads both streams to their ends, closes them, and fails at the first differing byte. */
    static void assertSameBytes(InputStream expected, InputStream actual) throws IOException {
        try (InputStream e = expected; InputStream a = actual) {
            byte[] eb = new byte[CHUNK];
            byte[] ab = new byte[CHUNK];
            long offset = 0;
            while (true) {
                int en = e.readNBytes(eb, 0, CHUNK);
                int an = a.readNBytes(ab, 0, CHUNK);
                int mismatch = Arrays.mismatch(eb, 0, en, ab, 0, an);
                if (mismatch >= 0) {
                    if (mismatch == Math.min(en, an)) {
                        fail("lengths differ: one stream ends at " + (offset + mismatch));
                    }
                    fail("streams differ at byte " + (offset + mismatch));
                }
                if (en < CHUNK) {
                    return;
                }
                offset += en;
            }
        }
    }

    /** Reads a small stream whole and closes it. */
    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
