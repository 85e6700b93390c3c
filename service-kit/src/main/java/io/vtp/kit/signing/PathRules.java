package io.vtp.kit.signing;

import java.nio.charset.StandardCharsets;

/**
 * Which paths may be signed and which request paths a signed prefix covers.
 *
 * <p>A token grants a path prefix, so anything that lets a request path look like it lies under
 * the prefix while the server resolves it elsewhere is a way around the signature: {@code ..} and
 * {@code .} segments, percent-encoded slashes and dots (decoded after the check by some layers),
 * backslashes (a separator on some file systems and proxies) and empty segments. Such paths are
 * never signed and never verify. Matching is at segment boundaries only, so {@code /rec/abc} does
 * not cover {@code /rec/abcdef}.
 *
 * <p>Both sides are compared as given, byte for byte: sign and verify the raw (still
 * percent-encoded) path, as the client sends it.
 */
final class PathRules {

    /** Longest prefix (in UTF-8 bytes) that may be signed; keeps tokens well inside URL limits. */
    static final int MAX_PREFIX_BYTES = 1024;

    /** Longest request path considered at all. */
    static final int MAX_PATH_LENGTH = 8192;

    private PathRules() {
    }

    /** Why {@code prefix} cannot be signed, or {@code null} when it can. */
    static String prefixProblem(String prefix) {
        if (prefix == null) {
            return "must not be null";
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(prefix)) {
            return "must be valid Unicode text";
        }
        if (prefix.length() > MAX_PREFIX_BYTES || prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            return "must not be longer than " + MAX_PREFIX_BYTES + " bytes";
        }
        return problem(prefix);
    }

    /** Whether a request path is safe to compare with a prefix at all. */
    static boolean isSafeRequestPath(String path) {
        return path != null && path.length() <= MAX_PATH_LENGTH && problem(path) == null;
    }

    /**
     * Whether {@code prefix} covers {@code path} at a segment boundary: a prefix ending in
     * {@code /} covers everything below it, any other prefix covers itself and everything below
     * {@code prefix + "/"}. Both must already have passed the safety checks.
     */
    static boolean covers(String prefix, String path) {
        if (prefix.endsWith("/")) {
            return path.startsWith(prefix);
        }
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static String problem(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return "must be an absolute path starting with '/'";
        }
        if (path.contains("//")) {
            return "must not contain '//'";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (isControl(c)) {
                return "must not contain control characters";
            }
            if (c == '\\') {
                return "must not contain backslashes";
            }
            if (c == '?' || c == '#') {
                return "must not contain a query or a fragment ('?', '#')";
            }
            if (c == '%' && !harmlessEscape(path, i)) {
                return "must not contain a broken escape or a percent-encoded '/', '.', '\\', '%' "
                        + "or control character";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain '.' or '..' segments";
            }
        }
        return null;
    }

    /** A {@code %XX} escape of a byte that cannot change how the path is split or resolved. */
    private static boolean harmlessEscape(String path, int at) {
        if (at + 2 >= path.length()) {
            return false;
        }
        int hi = hex(path.charAt(at + 1));
        int lo = hex(path.charAt(at + 2));
        if (hi < 0 || lo < 0) {
            return false;
        }
        int b = hi << 4 | lo;
        return b >= 0x20 && b != 0x7f && b != '/' && b != '.' && b != '\\' && b != '%';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
