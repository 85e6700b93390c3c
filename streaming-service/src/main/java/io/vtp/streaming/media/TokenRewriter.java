package io.vtp.streaming.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a playback token into the URIs of a stored playlist, manifest or WebVTT track as it is
 * served, so players that fetch them without headers (native HLS, hls.js, dash.js, CDNs) carry it
 * to every segment. The stored files name only files of their own ladder, relative to themselves.
 */
public final class TokenRewriter {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([A-Za-z0-9._-]+)\"");
    private static final Pattern TEMPLATE = Pattern.compile("(initialization|media)=\"([^\"?]+)\"");
    private static final Pattern SPRITE = Pattern.compile("^(sprite-\\d{3}\\.jpg)(#xywh=)", Pattern.MULTILINE);

    private TokenRewriter() {
    }

    /** An HLS media or I-frame playlist: segment lines and EXT-X-MAP URIs. */
    public static String hls(String playlist, String token) {
        StringBuilder out = new StringBuilder(playlist.length() + 256);
        for (String line : playlist.split("\n", -1)) {
            if (line.isEmpty()) {
                out.append('\n');
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                out.append(m.replaceAll(r -> Matcher.quoteReplacement("URI=\"" + r.group(1) + "?token=" + token + "\"")));
            } else {
                out.append(line).append("?token=").append(token);
            }
            out.append('\n');
        }
        // split with -1 keeps a trailing empty element: one newline too many
        return out.substring(0, out.length() - 1);
    }

    /** A DASH manifest: segment templates carry the token; BaseURL points at the ladder's directory. */
    public static String dash(String mpd, String baseUrl, String token) {
        String withToken = TEMPLATE.matcher(mpd).replaceAll(r ->
                Matcher.quoteReplacement(r.group(1) + "=\"" + r.group(2) + "?token=" + token + "\""));
        int period = withToken.indexOf("<Period");
        if (period < 0) {
            return withToken;
        }
        return withToken.substring(0, period) + "<BaseURL>" + baseUrl + "</BaseURL>\n\t" + withToken.substring(period);
    }

    /** The WebVTT track of the sprite sheets. */
    public static String vtt(String track, String token) {
        return SPRITE.matcher(track).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "?token=" + token + r.group(2)));
    }
}
