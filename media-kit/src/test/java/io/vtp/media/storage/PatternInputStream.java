package io.vtp.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A deterministic stream of pseudo-random bytes, generated as it is read, never held in memory:
 * the same size and seed always give the same bytes. It can be told to fail after some bytes, like
 * a client that disconnects mid-upload.
 */
final class PatternInputStream extends InputStream {

    private final long size;
    private final long seed;
    private final long failAt;
    private long position;

    PatternInputStream(long size, long seed) {
        this(size, seed, Long.MAX_VALUE);
    }

    private PatternInputStream(long size, long seed, long failAt) {
        this.size = size;
        this.seed = seed;
        this.failAt = failAt;
    }

    /** A stream of {@code size} bytes that throws an IOException once {@code failAt} bytes have been read. */
    static PatternInputStream failingAfter(long size, long seed, long failAt) {
        return new PatternInputStream(size, seed, failAt);
    }

    /** The bytes [from, from + length) of the stream with this seed. */
    static byte[] slice(long from, int length, long seed) {
        PatternInputStream in = new PatternInputStream(from + length, seed);
        in.position = from;
        byte[] b = new byte[length];
        try {
            int done = 0;
            while (done < length) {
                done += in.read(b, done, length - done);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    /** The first {@code size} bytes of the stream with this seed. */
    static byte[] bytes(int size, long seed) {
        return slice(0, size, seed);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= failAt) {
            throw new IOException("simulated failure after " + position + " bytes");
        }
        long left = Math.min(size, failAt) - position;
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        int i = 0;
        while (i < n) {
            long p = position + i;
            long word = mix(seed * 0x9E3779B97F4A7C15L + (p >>> 3));
            for (int byteInWord = (int) (p & 7); byteInWord < 8 && i < n; byteInWord++, i++) {
                b[off + i] = (byte) (word >>> (byteInWord << 3));
            }
        }
        position += n;
        return n;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
