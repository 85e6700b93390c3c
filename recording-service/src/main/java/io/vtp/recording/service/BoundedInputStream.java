package io.vtp.recording.service;

import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read with a ceiling: one byte over {@code limit} and reading fails with
 * {@link TooLarge} (an IOException, so every store aborts its write as for any broken input),
 * whether or not the client announced the length: a chunked body is counted as it streams.
 */
final class BoundedInputStream extends FilterInputStream {

    /** The body went over the limit. */
    static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("request body over " + limit + " bytes", null);
            this.limit = limit;
        }

        ApiException problem() {
            return tooLarge(limit);
        }

        /** The TooLarge somewhere in {@code failure}'s causes (a store may wrap it), or null. */
        static TooLarge in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TooLarge tooLarge) {
                    return tooLarge;
                }
            }
            return null;
        }
    }

    private final long limit;
    private final long alreadyRead;
    private long count;

    /** {@code alreadyRead}: bytes of the same body consumed before this stream (they count too). */
    BoundedInputStream(InputStream in, long limit, long alreadyRead) {
        super(in);
        this.limit = limit;
        this.alreadyRead = alreadyRead;
        this.count = alreadyRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    /** Bytes read through this stream (not counting those read before it). */
    long count() {
        return count - alreadyRead;
    }

    private void counted(int n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(CommonProblem.PAYLOAD_TOO_LARGE, "the file must not be larger than " + limit + " bytes");
    }
}
