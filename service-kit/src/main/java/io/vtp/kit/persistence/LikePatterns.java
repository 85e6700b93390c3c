package io.vtp.kit.persistence;

import java.util.Locale;

/**
 * Case-insensitive "contains" searches with SQL {@code LIKE}: the user's text is escaped so that
 * {@code %} and {@code _} match themselves. Use with {@code lower(column) like :text escape '\'}.
 */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** {@code %text%} in lower case, with {@code \}, {@code %} and {@code _} escaped by {@code \}. */
    public static String contains(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
