package io.vtp.media.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the container of a file from its first bytes alone (never from its name), so an upload that is plainly not
 * audio or video can be refused before FFmpeg sees it. A cheap first filter, not a verdict: {@link MediaProbe}
 * decides.
 */
public final class ContainerSniffer {

    /** How many bytes from the start of a file {@link #sniff} looks at; read this many (or the whole file if shorter). */
    public static final int HEAD_BYTES = 4096;

    private static final int TS_PACKET = 188;
    private static final int M2TS_PACKET = 192;

    private ContainerSniffer() {
    }

    /**
     * The container the bytes start like: {@code matroska} (also WebM), {@code mp4} (also QuickTime), {@code avi},
     * {@code wav}, {@code ogg}, {@code flv}, {@code mpegts}, {@code mp3}, {@code aac} (ADTS), {@code flac} or
     * {@code mpeg} (program stream); empty for anything else, including fewer than four bytes.
     *
     * @param head the first bytes of the file
     * @param length how many bytes of {@code head} are valid
     */
    public static Optional<String> sniff(byte[] head, int length) {
        Objects.requireNonNull(head, "head");
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + head.length);
        }
        return Optional.ofNullable(name(head, length));
    }

    private static String name(byte[] b, int n) {
        if (n < 4) {
            return null;
        }
        if (u8(b, 0) == 0x1A && u8(b, 1) == 0x45 && u8(b, 2) == 0xDF && u8(b, 3) == 0xA3) {
            return "matroska";
        }
        if (n >= 12 && isQuickTime(b, n)) {
            return "mp4";
        }
        if (n >= 12 && (ascii(b, n, 0, "RIFF") || ascii(b, n, 0, "RF64"))) {
            if (ascii(b, n, 8, "AVI ")) {
                return "avi";
            }
            if (ascii(b, n, 8, "WAVE")) {
                return "wav";
            }
            return null;
        }
        if (ascii(b, n, 0, "OggS")) {
            return "ogg";
        }
        if (ascii(b, n, 0, "FLV") && u8(b, 3) == 0x01) {
            return "flv";
        }
        if (ascii(b, n, 0, "fLaC")) {
            return "flac";
        }
        if (u8(b, 0) == 0x00 && u8(b, 1) == 0x00 && u8(b, 2) == 0x01 && u8(b, 3) == 0xBA) {
            return "mpeg";
        }
        if (isTransportStream(b, n)) {
            return "mpegts";
        }
        if (ascii(b, n, 0, "ID3")) {
            return afterId3(b, n);
        }
        return audioFrame(b, 0, n);
    }

    /** "ftyp" at offset 4; also the boxes QuickTime files without ftyp start with. */
    private static boolean isQuickTime(byte[] b, int n) {
        if (ascii(b, n, 4, "ftyp")) {
            return true;
        }
        long boxSize = (u8(b, 0) << 24 | u8(b, 1) << 16 | u8(b, 2) << 8 | u8(b, 3)) & 0xFFFFFFFFL;
        return (boxSize == 1 || boxSize >= 8) && (ascii(b, n, 4, "moov") || ascii(b, n, 4, "mdat") || ascii(b, n, 4, "wide"));
    }

    /** The 0x47 sync byte at the start of the first two 188-byte packets (or 192-byte M2TS packets). */
    private static boolean isTransportStream(byte[] b, int n) {
        if (n > TS_PACKET && u8(b, 0) == 0x47 && u8(b, TS_PACKET) == 0x47) {
            return true;
        }
        return n > 4 + M2TS_PACKET && u8(b, 4) == 0x47 && u8(b, 4 + M2TS_PACKET) == 0x47;
    }

    /** An ID3v2 tag precedes MP3 usually, but also ADTS AAC or FLAC: look past it when the head reaches that far. */
    private static String afterId3(byte[] b, int n) {
        if (n >= 10) {
            int tagSize = (u8(b, 6) & 0x7F) << 21 | (u8(b, 7) & 0x7F) << 14 | (u8(b, 8) & 0x7F) << 7 | (u8(b, 9) & 0x7F);
            int footer = (u8(b, 5) & 0x10) != 0 ? 10 : 0;
            int next = 10 + tagSize + footer;
            if (next + 4 <= n) {
                if (ascii(b, n, next, "fLaC")) {
                    return "flac";
                }
                String frame = audioFrame(b, next, n);
                if (frame != null) {
                    return frame;
                }
            }
        }
        return "mp3";
    }

    /** An ADTS (AAC) or MPEG audio (MP1/2/3) frame header at {@code at}. */
    private static String audioFrame(byte[] b, int at, int n) {
        if (at + 4 > n || u8(b, at) != 0xFF) {
            return null;
        }
        int b1 = u8(b, at + 1);
        int b2 = u8(b, at + 2);
        if ((b1 & 0xF6) == 0xF0) { // 12-bit sync, layer 00: ADTS (0xFFF1, 0xFFF9, or with CRC 0xFFF0, 0xFFF8)
            int samplingIndex = (b2 >> 2) & 0x0F;
            return samplingIndex <= 12 ? "aac" : null;
        }
        if ((b1 & 0xE0) != 0xE0) { // 11-bit sync 0xFFE
            return null;
        }
        int version = (b1 >> 3) & 0x03; // 01 is reserved
        int layer = (b1 >> 1) & 0x03; // 00 is reserved
        int bitrateIndex = (b2 >> 4) & 0x0F; // 1111 is invalid
        int sampleRateIndex = (b2 >> 2) & 0x03; // 11 is reserved
        if (version == 0x01 || layer == 0x00 || bitrateIndex == 0x0F || sampleRateIndex == 0x03) {
            return null;
        }
        return "mp3";
    }

    private static boolean ascii(byte[] b, int n, int at, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (at + expected.length > n) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }
}
