package io.vtp.media.storage;

/**
 * Validation of object keys and prefixes, the first thing every {@link MediaStore} method does.
 *
 * <p>A key is 1 to 512 characters from {@code [A-Za-z0-9._-/]}, made of non-empty segments
 * separated by single slashes, none of them {@code .} or {@code ..}, with no leading or trailing
 * slash. Anything else (backslashes, percent escapes, control characters, absolute paths) is refused,
 * so a key can never name a file outside a file-system store's root. A prefix is a valid key
 * followed by {@code /}.
 */
public final class StorageKeys {

    /** The longest key or prefix accepted, in characters. */
    public static final int MAX_LENGTH = 512;

    private StorageKeys() {
    }

    /**
     * Checks an object key.
     *
     * @param key the key
     * @return the same key
     * @throws IllegalArgumentException when the key is null or unsafe
     */
    public static String check(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        checkPath(key, "key");
        return key;
    }

    /**
     * Checks a key prefix: a valid key followed by a slash, such as {@code raw/42/}.
     *
     * @param prefix the prefix
     * @return the same prefix
     * @throws IllegalArgumentException when the prefix is null, unsafe, or does not end with a slash
     */
    public static String prefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix is null");
        }
        if (prefix.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("prefix longer than " + MAX_LENGTH + " characters");
        }
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix does not end with '/'");
        }
        checkPath(prefix.substring(0, prefix.length() - 1), "prefix");
        return prefix;
    }

    /** True when {@link #check} accepts the key; for filtering listings. */
    static boolean isValid(String key) {
        try {
            check(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkPath(String s, String what) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!allowed(c)) {
                // The character is described, never echoed: it may be a control character.
                throw new IllegalArgumentException(
                        what + " has a character outside [A-Za-z0-9._-/] at index " + i
                                + " (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            int end = slash < 0 ? s.length() : slash;
            String segment = s.substring(start, end);
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(what + " has an empty segment (leading, trailing or double '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " has a '" + segment + "' segment");
            }
            if (slash < 0) {
                return;
            }
            start = slash + 1;
        }
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '/';
    }
}
