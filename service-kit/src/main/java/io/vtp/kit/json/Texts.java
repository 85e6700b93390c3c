package io.vtp.kit.json;

/** Checks on text that arrives from clients. */
public final class Texts {

    private Texts() {
    }

    /** True if {@code text} has no U+0000 and no unpaired UTF-16 surrogate. */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if {@code text} contains a control character (C0, DEL, C1: tabs and line breaks
     * included) or a Unicode line or paragraph separator (U+2028, U+2029).
     */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
