package io.vtp.media.http;

import java.util.Optional;

/**
 * One byte range of an RFC 9110 {@code Range: bytes=...} header, resolved against the file's
 * length. A header this class does not take (another unit, several ranges, nonsense) is ignored and
 * the whole file is sent, as the RFC allows; a range starting past the end is unsatisfiable.
 */
public record ByteRange(long start, long length) {

    /** The outcome of reading a Range header. */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {
    }

    public record Whole() implements Parsed {
    }

    public record Partial(ByteRange range) implements Parsed {
    }

    public record Unsatisfiable() implements Parsed {
    }

    public long end() {
        return start + length - 1;
    }

    public static Parsed parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",") || spec.isEmpty()) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> first = number(spec.substring(0, dash).trim());
        Optional<Long> last = number(spec.substring(dash + 1).trim());
        if (spec.substring(0, dash).isBlank()) { // suffix: the last N bytes
            if (last.isEmpty()) {
                return new Whole();
            }
            long n = last.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            long length = Math.min(n, size);
            return new Partial(new ByteRange(size - length, length));
        }
        if (first.isEmpty() || (!spec.substring(dash + 1).isBlank() && last.isEmpty())) {
            return new Whole();
        }
        long start = first.get();
        if (last.isPresent() && last.get() < start) {
            return new Whole(); // syntactically invalid: ignored
        }
        if (start >= size) {
            return new Unsatisfiable();
        }
        long end = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(start, end - start + 1));
    }

    private static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
