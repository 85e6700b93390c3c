package io.vtp.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One upload part in memory, reused from part to part. It starts small and grows up to the part
 * size, so that a small object does not cost a whole part's worth of memory.
 */
final class PartBuffer {

    private final int limit;
    private byte[] bytes;
    private int length;
    private boolean ended;

    PartBuffer(int initialSize, int limit) {
        this.limit = limit;
        this.bytes = new byte[Math.min(initialSize, limit)];
    }

    /** Replaces the content with the next bytes of the stream, until the part is full or the stream ends. */
    void fill(InputStream in) throws IOException {
        length = 0;
        while (length < limit) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(2L * bytes.length, limit));
            }
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                ended = true;
                return;
            }
            length += n;
        }
    }

    /** The array that holds the content in its first {@link #length()} bytes. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** True once the stream has reported its end: this part is the last. */
    boolean ended() {
        return ended;
    }
}
