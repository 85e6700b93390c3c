package io.vtp.media.ffmpeg;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ffprobe's {@code -print_format json -show_format -show_streams} output into a {@link MediaInfo}. */
final class FfprobeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * FFmpeg refuses to open a decoder for a picture larger than it can address and then reports the size as 0x0;
     * the size the file declared survives only in this error line, which is where it is taken from.
     */
    private static final Pattern INVALID_PICTURE_SIZE = Pattern.compile("Picture size (\\d{1,9})x(\\d{1,9}) is invalid");

    private FfprobeJson() {
    }

    /**
     * @param json ffprobe's standard output
     * @param fileSize the size of the probed file, used when ffprobe does not report one
     * @param stderr ffprobe's (bounded) standard error, read for a declared picture size FFmpeg refused
     * @return empty when the output holds no format section
     * @throws IOException when the output is not JSON
     */
    static Optional<MediaInfo> parse(byte[] json, long fileSize, String stderr) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.path("format").isObject()) {
            return Optional.empty();
        }
        JsonNode format = root.path("format");
        String formatName = text(format, "format_name");
        if (formatName == null) {
            return Optional.empty();
        }

        MediaInfo.VideoInfo video = null;
        MediaInfo.AudioInfo audio = null;
        double longestStream = 0;
        for (JsonNode stream : root.path("streams")) {
            String type = text(stream, "codec_type");
            longestStream = Math.max(longestStream, decimal(stream, "duration"));
            if ("video".equals(type) && video == null && stream.path("disposition").path("attached_pic").asInt(0) != 1) {
                video = video(stream, stderr);
            } else if ("audio".equals(type) && audio == null) {
                audio = new MediaInfo.AudioInfo(
                        text(stream, "codec_name"),
                        (int) integer(stream, "sample_rate", 0),
                        (int) integer(stream, "channels", 0));
            }
        }

        double duration = decimal(format, "duration");
        if (duration <= 0) {
            duration = longestStream;
        }
        long size = integer(format, "size", fileSize);
        long bitRate = integer(format, "bit_rate", -1);
        return Optional.of(new MediaInfo(formatName, duration, size, bitRate > 0 ? bitRate : null, video, audio));
    }

    private static MediaInfo.VideoInfo video(JsonNode stream, String stderr) {
        int width = (int) integer(stream, "width", 0);
        int height = (int) integer(stream, "height", 0);
        if ((width <= 0 || height <= 0) && stderr != null) {
            Matcher declared = INVALID_PICTURE_SIZE.matcher(stderr);
            if (declared.find()) {
                width = Integer.parseInt(declared.group(1));
                height = Integer.parseInt(declared.group(2));
            }
        }
        double fps = rate(text(stream, "avg_frame_rate"));
        if (fps <= 0) {
            fps = rate(text(stream, "r_frame_rate"));
        }
        return new MediaInfo.VideoInfo(text(stream, "codec_name"), width, height, fps, text(stream, "pix_fmt"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** ffprobe prints most numbers as strings; anything unreadable counts as absent. */
    private static long integer(JsonNode node, String field, long absent) {
        String value = text(node, field);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    private static double decimal(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            return Double.isFinite(parsed) && parsed > 0 ? parsed : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A rate such as {@code "30000/1001"}; 0 when absent or {@code "0/0"}. */
    static double rate(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int slash = value.indexOf('/');
            if (slash < 0) {
                double plain = Double.parseDouble(value);
                return Double.isFinite(plain) && plain > 0 ? plain : 0;
            }
            double num = Double.parseDouble(value.substring(0, slash));
            double den = Double.parseDouble(value.substring(slash + 1));
            double rate = den == 0 ? 0 : num / den;
            return Double.isFinite(rate) && rate > 0 ? rate : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
