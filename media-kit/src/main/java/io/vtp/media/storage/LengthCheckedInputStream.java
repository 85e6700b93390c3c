package io.vtp.media.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails when a download ends before the length its response announced. {@code HttpURLConnection}
 * reports a connection closed mid-body as a normal end of stream, which would pass a truncated
 * object off as a whole one.
 */
final class LengthCheckedInputStream extends FilterInputStream {

    private final long expected;
    private long read;

    LengthCheckedInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            checkComplete();
        } else {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            checkComplete();
        } else {
            read += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void checkComplete() throws IOException {
        if (read < expected) {
            throw new IOException("download ended after " + read + " of " + expected + " bytes");
        }
    }
}
