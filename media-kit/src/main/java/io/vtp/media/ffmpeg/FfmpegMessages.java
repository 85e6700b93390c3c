package io.vtp.media.ffmpeg;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns FFmpeg's standard error into a short reason that is safe to show to users: no paths, no temporary names,
 * no memory addresses, one line of printable ASCII, at most {@value #MAX_REASON} characters.
 */
public final class FfmpegMessages {

    public static final int MAX_REASON = 200;
    public static final String NOT_MEDIA = "the file is not a recognised audio or video format";

    private static final Pattern NOT_ON_WHITELIST = Pattern.compile("\\[([a-z0-9_,]{1,64}) @ [^]]*] Format not on whitelist");
    private static final Pattern LOG_CONTEXT = Pattern.compile("\\[[^]\\n]{0,80} @ (?:0x)?[0-9a-fA-F]+]\\s*");
    private static final Pattern ADDRESS = Pattern.compile("\\b0x[0-9a-fA-F]{6,}\\b");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(?:file:)?(?:/[^\\s/'\":,]+)+/?");
    private static final Pattern NOISE = Pattern.compile(
            "(?i)^(?:conversion failed!?|last message repeated.*|error while filtering.*|exiting.*|\\{|\\}|)$");

    private FfmpegMessages() {
    }

    /**
     * Why ffprobe could not read a file, as one of a few fixed sentences (ffprobe's own wording is not shown).
     *
     * @param sniffed the container the file's first bytes name ({@link ContainerSniffer}), or null: FFmpeg falls back
     *     on the file name, so random bytes named {@code .mp4} also lack a moov atom, but only an MP4 is "incomplete"
     */
    public static String probeReason(String stderr, String sniffed) {
        String text = stderr == null ? "" : stderr;
        Matcher refused = NOT_ON_WHITELIST.matcher(text);
        if (refused.find()) {
            return "the file's format (" + refused.group(1) + ") is not accepted; upload an audio or video file";
        }
        if (text.contains("moov atom not found") && "mp4".equals(sniffed)) {
            return "the file is incomplete or damaged: its index (moov atom) is missing";
        }
        if (sniffed != null && (text.contains("File ended prematurely") || text.contains("End of file"))) {
            return "the file is incomplete or damaged: it ends too early";
        }
        return NOT_MEDIA;
    }

    /**
     * The last meaningful line of ffmpeg's standard error, with the given paths replaced by their names (e.g.
     * {@code "input"}) and any other path by {@code "a file"}; null when nothing meaningful is left.
     */
    public static String lastMeaningfulLine(String stderr, Map<String, String> namedPaths) {
        if (stderr == null || stderr.isBlank()) {
            return null;
        }
        String[] lines = stderr.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = sanitise(lines[i], namedPaths);
            if (!NOISE.matcher(line).matches()) {
                return line;
            }
        }
        return null;
    }

    /** One line made safe to show: named paths replaced, other paths, addresses and control characters removed, capped. */
    public static String sanitise(String line, Map<String, String> namedPaths) {
        String text = line;
        // longest first, so that a directory does not eat the file names inside it
        for (Map.Entry<String, String> named : namedPaths.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList()) {
            text = text.replace("file:" + named.getKey(), named.getValue()).replace(named.getKey(), named.getValue());
        }
        text = LOG_CONTEXT.matcher(text).replaceAll("");
        text = ADDRESS.matcher(text).replaceAll("");
        text = PATH.matcher(text).replaceAll("a file");
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        text = clean.toString().replaceAll("\\s+", " ").trim();
        if (text.length() > MAX_REASON) {
            text = text.substring(0, MAX_REASON - 3).trim() + "...";
        }
        return text;
    }
}
