package io.vtp.kit.json;

import java.util.HexFormat;
import java.util.UUID;

/**
 * Reads the one UUID shape events carry, the canonical {@code 8-4-4-4-12} lowercase hex form that
 * {@link UUID#toString()} writes, at about a third of {@link UUID#fromString}'s cost. Anything else
 * answers null, so that the caller decides: parse it with the JDK (which accepts more forms) or
 * treat the text as not a canonical UUID.
 */
public final class Uuids {

    private Uuids() {
    }

    /** The UUID {@code text} is the canonical form of, or null when it is not exactly that form. */
    public static UUID canonical(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
            int d = HexFormat.fromHexDigit(c);
            if (digits++ < 16) {
                high = high << 4 | d;
            } else {
                low = low << 4 | d;
            }
        }
        return new UUID(high, low);
    }
}
