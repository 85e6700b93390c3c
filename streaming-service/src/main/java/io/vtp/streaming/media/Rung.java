package io.vtp.streaming.media;

/**
 * One rung of a requested ladder: the picture's short side in pixels (its "p", so 720 means 720p
 * for landscape and portrait alike) and the target video bit rate, which capped CRF uses as the cap.
 */
public record Rung(int height, int bitrateKbps) {

    public static final int MIN_HEIGHT = 144;
    public static final int MAX_HEIGHT = 2160;
    public static final int MIN_KBPS = 100;
    public static final int MAX_KBPS = 20_000;

    /** Why this rung cannot be encoded, or null. */
    public String problem() {
        if (height < MIN_HEIGHT || height > MAX_HEIGHT) {
            return "height must be between " + MIN_HEIGHT + " and " + MAX_HEIGHT + " pixels";
        }
        if (bitrateKbps < MIN_KBPS || bitrateKbps > MAX_KBPS) {
            return "bitrate_kbps must be between " + MIN_KBPS + " and " + MAX_KBPS;
        }
        return null;
    }

    /** A rung from {@code height:kbps}, as the configuration lists them. */
    public static Rung parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a rung is height:kbps, not " + text);
        }
        return new Rung(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }
}
